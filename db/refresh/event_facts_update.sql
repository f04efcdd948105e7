-- Recompute the stored event facts of the events in refresh_events and the source weeks in refresh_source_weeks from
-- their scoped definitions: what refresh/event_facts_rebuild.sql does for every event and source week.
delete from event_source_facts where event_id in (select event_id from refresh_events);
insert into event_source_facts by name select * from event_source_facts_of(true);
delete from event_sources where event_id in (select event_id from refresh_events);
insert into event_sources by name select * from event_sources_of(true);
delete from event_keyword_matches where event_id in (select event_id from refresh_events);
insert into event_keyword_matches by name select * from event_keyword_matches_of(true);
-- After event_source_facts: event_facts_of reads them.
delete from event_facts where event_id in (select event_id from refresh_events);
insert into event_facts by name select * from event_facts_of(true);
delete from event_search_text where event_id in (select event_id from refresh_events);
insert into event_search_text by name select * from event_search_text_of(true);
-- The scoped definitions give the weeks around them too, partly: only the weeks in refresh_source_weeks are kept.
delete from source_week_post_facts f
using refresh_source_weeks w
where f.source_id = w.source_id and f.week_start = w.week_start;
insert into source_week_post_facts by name
select p.*
from source_week_posts_of(true) p
semi join refresh_source_weeks w on w.source_id = p.source_id and w.week_start = p.week_start;
delete from source_publish_week_facts f
using refresh_source_weeks w
where f.source_id = w.source_id and f.boundary = w.week_start + interval 7 day;
insert into source_publish_week_facts by name
select p.*
from source_publish_weeks_of(true) p
semi join refresh_source_weeks w on w.source_id = p.source_id and p.boundary = w.week_start + interval 7 day;
