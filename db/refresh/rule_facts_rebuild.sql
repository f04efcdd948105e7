-- Rebuild the stored rule clocks from their definition (views/07_event_rule_status.sql, event_rule_clocks_live).
delete from event_rule_clock_facts;
insert into event_rule_clock_facts by name select * from event_rule_clocks_live;
