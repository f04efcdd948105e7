-- Per source and week boundary, its latest post at or before the boundary (views/11_site_health.sql,
-- source_publish_weeks_live), stored: site_health_weekly read the latest post by each week's end with an ASOF join
-- that sorted every document on every query. Rebuilt by db.refresh_analysis with the event facts.
create table if not exists source_publish_week_facts (
    source_id  varchar not null,
    boundary   timestamptz not null,   -- a week boundary: the posts in the week before it
    last_at    timestamptz not null,
    primary key (source_id, boundary)
);
-- The next db.refresh_analysis fills it.
delete from analysis_refresh where name = 'event_facts';
