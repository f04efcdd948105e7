-- Where and by whom each event was first reported, to name events by title, date and region.
-- region: the most specific region among its official sources (where the authority sits), else its first media
-- source's region. $event_ids NULL: every event.
select
    f.event_id,
    coalesce(
        arg_max(s.region, (length(s.region), s.region)) filter (where f.kind = 'official'),
        arg_min(s.region, (f.first_at, f.source_id)) filter (where f.kind = 'media')
    ) as region,
    arg_min(s.name, (f.first_at, f.source_id)) filter (where f.kind = 'media' and f.first_at is not null)
        as first_media_source
from event_source_facts f
join sources s on s.source_id = f.source_id
where $event_ids::varchar[] is null or f.event_id in (select unnest($event_ids::varchar[]))
group by f.event_id
order by f.event_id;
