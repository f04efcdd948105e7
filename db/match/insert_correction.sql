insert into corrections (correction_id, action, event_id, target_event_id, doc_ids, severity, note, analyst, created_at)
values ($correction_id, $action, $event_id, $target_event_id, $doc_ids, $severity, $note, $analyst, $created_at)
on conflict (correction_id) do nothing;
