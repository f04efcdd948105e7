-- Recompute the stored responsible sources of the events in refresh_events (after their event sources).
delete from event_responsible_source_facts where event_id in (select event_id from refresh_events);
insert into event_responsible_source_facts by name select * from event_responsible_sources_of(true);
