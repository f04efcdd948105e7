-- A fingerprint of what the stored responsible sources (event_responsible_source_facts) are computed from: the
-- events' sources (event_sources, rebuilt just before), the events' regions and the sources' kind, channel, region
-- and level. A different value means they are stale.
select concat_ws(':',
    (select count(*) || '-' || coalesce(sum(hash(event_id, source_id)), 0) from event_sources),
    (select count(*) || '-' || coalesce(sum(hash(event_id, region)), 0) from event_regions),
    (select count(*) || '-' || coalesce(sum(hash(source_id, kind, channel, region, level)), 0) from sources)
) as fingerprint;
