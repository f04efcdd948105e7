-- Official responses to the given events with their repost class (首发 / 转载媒体 / 转载上级): one row per event and
-- official source, oldest first.
select *
from official_response_rows
where event_id in (select unnest($event_ids::varchar[]))
order by event_id, first_at, source_id;
