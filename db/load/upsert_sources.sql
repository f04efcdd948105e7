-- Sources from the registry or from imported lines; a later description replaces an earlier one.
insert into sources (source_id, name, kind, channel, region, level, timezone, list_urls, feeds, updated_at, external_id)
select source_id, name, kind, channel, region, level, timezone, list_urls, feeds, updated_at, external_id
from staged_sources
on conflict (source_id) do update set
    name = excluded.name,
    kind = excluded.kind,
    channel = excluded.channel,
    region = excluded.region,
    level = excluded.level,
    timezone = excluded.timezone,
    list_urls = excluded.list_urls,
    feeds = excluded.feeds,
    updated_at = excluded.updated_at,
    external_id = coalesce(excluded.external_id, sources.external_id);
