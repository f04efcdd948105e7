-- A fingerprint of the inputs any stored fact may read whatever the event or source: the source registry (kind,
-- channel, name, region, level: the responsible sources, the repost classes), the severity keywords, the rules, the
-- settings other than as_of (press linking, silent windows; the views judge the stored rows at as_of on every query)
-- and the definitions themselves (db/views: views and macros as migrate created them). A different value means every
-- stored fact is rebuilt (db/facts.py).
select concat_ws(':',
    (select count(*) || '-' || coalesce(sum(hash(source_id, kind, channel, name, region, level)), 0) from sources),
    (select count(*) || '-' || coalesce(sum(hash(keyword, severity)), 0) from severity_keywords),
    (select count(*) || '-' || coalesce(sum(hash(rule_id, document, obligation, applies_to, clock_hours,
                                                 effective_from, effective_to)), 0) from rules),
    (select count(*) || '-' || coalesce(sum(hash(name, value_number, value_time)), 0)
     from analysis_settings where name <> 'as_of'),
    (select count(*) || '-' || coalesce(sum(hash(view_name, sql)), 0)
     from duckdb_views()
     where database_name = current_database() and schema_name = 'main' and not internal and not temporary),
    (select count(*) || '-' || coalesce(sum(hash(function_name, macro_definition)), 0)
     from duckdb_functions()
     where database_name = current_database() and schema_name = 'main'
       and function_type in ('macro', 'table_macro') and not internal)
) as fingerprint;
