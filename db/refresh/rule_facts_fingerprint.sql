-- A fingerprint of what the stored rule clocks (event_rule_clock_facts) and silent-event windows (silent_window_facts)
-- are computed from: the stored event, responsible-source and fetch facts (their fingerprints, refreshed just before),
-- the rules, the analyst's and the keywords' severities, the press events and the settings (press linking, silent
-- windows). as_of is left out: the views judge the stored rows at as_of on every query. A different value means they are stale.
select concat_ws(':',
    (select string_agg(name || '=' || fingerprint, ',' order by name)
     from analysis_refresh where name in ('event_facts', 'responsible_facts', 'fetch_facts')),
    (select count(*) || '-' || coalesce(sum(hash(rule_id, document, obligation, applies_to, clock_hours,
                                                 effective_from, effective_to)), 0) from rules),
    (select count(*) || '-' || coalesce(sum(hash(event_id, severity)), 0) from event_severity),
    (select count(*) || '-' || coalesce(sum(hash(keyword, severity)), 0) from severity_keywords),
    (select count(*) || '-' || coalesce(sum(hash(press_id, source_id, held_at, title, event_id)), 0) from press_events),
    (select count(*) || '-' || coalesce(sum(hash(name, value_number, value_time)), 0)
     from analysis_settings where name <> 'as_of')
) as fingerprint;
