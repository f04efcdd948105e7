-- Every analyst correction, in the order they are replayed.
select correction_id, action, event_id, target_event_id, doc_ids, note, analyst, created_at
from corrections
order by created_at, correction_id;
