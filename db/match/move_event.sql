-- Merge: every document of $event_id moves to $target_event_id.
update event_documents set event_id = $target_event_id where event_id = $event_id;
