-- Rebuild the stored event facts from their definitions (views/01_document_times.sql, views/02_event_timeliness.sql,
-- views/04_event_regions.sql, views/15_event_search.sql), the official posts per week and class
-- (views/08_repost_shares.sql) and the latest posts per week boundary (views/11_site_health.sql): all read the
-- documents.
delete from event_source_facts;
insert into event_source_facts by name select * from event_source_facts_live;
delete from event_sources;
insert into event_sources by name select * from event_sources_live;
delete from event_keyword_matches;
insert into event_keyword_matches by name select * from event_keyword_matches_live;
-- After event_source_facts: event_facts_live reads them.
delete from event_facts;
insert into event_facts by name select * from event_facts_live;
delete from event_search_text;
insert into event_search_text by name select * from event_search_text_live;
delete from source_week_post_facts;
insert into source_week_post_facts by name select * from source_week_posts_live;
delete from source_publish_week_facts;
insert into source_publish_week_facts by name select * from source_publish_weeks_live;
