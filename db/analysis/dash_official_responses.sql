-- Official responses to the given events with their repost class (首发 / 转载媒体 / 转载上级): one row per event and
-- official source, oldest first.
select
    r.event_id,
    r.source_id,
    s.name as source_name,
    r.first_at,
    r.first_precision,
    r.lag_hours::double as lag_hours,
    r.is_repost,
    r.repost_class,
    r.copies_media_text,
    r.declared_source,
    r.first_doc_id
from event_official_responses r
join sources s on s.source_id = r.source_id
where list_contains($event_ids::varchar[], r.event_id)
order by r.event_id, r.first_at, r.source_id;
