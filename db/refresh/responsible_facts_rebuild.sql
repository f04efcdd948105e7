-- Rebuild the stored responsible sources from their definition (views/04_event_regions.sql).
delete from event_responsible_source_facts;
insert into event_responsible_source_facts by name select * from event_responsible_sources_live;
