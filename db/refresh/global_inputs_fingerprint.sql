-- A fingerprint of the inputs any stored fact may read whatever the event or source: the source registry (kind,
-- channel, name, region, level: the responsible sources, the repost classes), the severity keywords, the rules and the
-- settings other than as_of (press linking, silent windows; the views judge the stored rows at as_of on every query).
-- A different value means every stored fact is rebuilt (db/facts.py).
select concat_ws(':',
    (select count(*) || '-' || coalesce(sum(hash(source_id, kind, channel, name, region, level)), 0) from sources),
    (select count(*) || '-' || coalesce(sum(hash(keyword, severity)), 0) from severity_keywords),
    (select count(*) || '-' || coalesce(sum(hash(rule_id, document, obligation, applies_to, clock_hours,
                                                 effective_from, effective_to)), 0) from rules),
    (select count(*) || '-' || coalesce(sum(hash(name, value_number, value_time)), 0)
     from analysis_settings where name <> 'as_of')
) as fingerprint;
