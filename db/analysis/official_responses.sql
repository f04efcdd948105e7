-- Official responses to the given events: one row per event and official source, oldest first.
select * exclude (repost_class)
from official_response_rows
where event_id in (select unnest($event_ids::varchar[]))
order by event_id, first_at, source_id;
