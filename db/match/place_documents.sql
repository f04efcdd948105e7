-- Split, reject, confirm: the listed documents move to $event_id from wherever they are.
update event_documents set event_id = $event_id where list_contains($doc_ids, doc_id) and event_id <> $event_id;
