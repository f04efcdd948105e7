-- Recompute the stored rule clocks and silent windows of the events in refresh_events. The new clocks go after the
-- others, in clock_start order among themselves; db/facts.py rebuilds the table in order when too many are out of it.
delete from event_rule_clock_facts where event_id in (select event_id from refresh_events);
insert into event_rule_clock_facts by name select * from event_rule_clocks_of(true) order by clock_start, event_id;
delete from silent_window_facts where event_id in (select event_id from refresh_events);
insert into silent_window_facts by name select * from silent_windows_of(true);
