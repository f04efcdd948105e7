-- Rebuild the stored rule clocks and silent-event windows from their definitions (views/07_event_rule_status.sql,
-- event_rule_clocks_live; views/10_silent_events.sql, silent_windows_live).
delete from event_rule_clock_facts;
insert into event_rule_clock_facts by name select * from event_rule_clocks_live;
delete from silent_window_facts;
insert into silent_window_facts by name select * from silent_windows_live;
