-- One row per event: event_timeliness (views/02_event_timeliness.sql, event_timeliness_live) with the week an event
-- belongs to, its first posts' precisions and its reposted responses, stored. The event list, the week summary and
-- the week trend aggregated every event's per-source facts three times to keep one week's events (0.45 s at 10 M
-- documents and 200 k events, whatever the week). Rebuilt by db.refresh_analysis with event_source_facts (the same
-- inputs: refresh/event_facts_*.sql).
create table if not exists event_facts (
    event_id                        varchar primary key,
    label                           varchar,
    first_media_at                  timestamptz,
    first_official_at               timestamptz,
    lag_hours                       double,
    official_first                  boolean,
    n_media                         bigint,
    n_official                      bigint,
    lag_hours_min                   double,
    lag_hours_max                   double,
    official_first_claimed          boolean,
    official_first_observed         boolean,
    first_media_earliest            timestamptz,
    first_media_latest              timestamptz,
    first_official_earliest         timestamptz,
    first_official_latest           timestamptz,
    first_official_voice_at         timestamptz,
    first_official_website_at       timestamptz,
    website_lag_behind_voice_hours  double,
    n_backdated                     bigint,
    first_media_end                 timestamptz,
    first_official_end              timestamptz,
    first_at                        timestamptz, -- the first timed document (event_first_times): the event's week
    first_media_precision           varchar,     -- the precision of the first media post's time
    first_official_precision        varchar,     -- the precision of the first official post's time
    n_reposts                       bigint not null -- official sources whose first post is a repost
);
-- The next db.refresh_analysis fills it.
delete from analysis_refresh where name = 'event_facts';
