-- How many stored rule clocks the last rule_facts_update appended (those of the events in refresh_events).
select count(*) from event_rule_clock_facts where event_id in (select event_id from refresh_events);
