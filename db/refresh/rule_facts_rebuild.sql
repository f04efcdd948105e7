-- Rebuild the stored rule clocks and silent-event windows from their definitions (views/07_event_rule_status.sql,
-- event_rule_clocks_live; views/10_silent_events.sql, silent_windows_live). The clocks in clock_start order: a query
-- bounded by their start (dash_event_rule_summary) reads only the row groups of that span.
delete from event_rule_clock_facts;
insert into event_rule_clock_facts by name select * from event_rule_clocks_live order by clock_start, event_id;
delete from silent_window_facts;
insert into silent_window_facts by name select * from silent_windows_live;
