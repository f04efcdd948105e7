-- Corrections recorded for the given events (NULL: all), newest first.
select correction_id, action, event_id, target_event_id, doc_ids, severity, note, analyst, created_at
from corrections
where $event_ids::varchar[] is null or event_id in (select unnest($event_ids::varchar[]))
order by created_at desc, correction_id;
