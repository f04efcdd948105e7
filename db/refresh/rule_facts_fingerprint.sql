-- A fingerprint of what the stored rule clocks (event_rule_clock_facts) and silent-event windows (silent_window_facts)
-- read besides the event, responsible-source and fetch facts and the global inputs: the analyst's severities and the
-- press events. A different value means some are stale; the digests (refresh/input_digests.sql) tell which.
select concat_ws(':',
    (select count(*) || '-' || coalesce(sum(hash(event_id, severity)), 0) from event_severity),
    (select count(*) || '-' || coalesce(sum(hash(press_id, source_id, held_at, title, event_id)), 0) from press_events)
) as fingerprint;
