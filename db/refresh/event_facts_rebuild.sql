-- Rebuild the stored event facts from their definitions (views/01_document_times.sql, views/04_event_regions.sql).
delete from event_source_facts;
insert into event_source_facts by name select * from event_source_facts_live;
delete from event_sources;
insert into event_sources by name select * from event_sources_live;
delete from event_keyword_matches;
insert into event_keyword_matches by name select * from event_keyword_matches_live;
