-- Record one press event; recording the same one twice changes nothing.
insert into press_events (press_id, source_id, held_at, held_precision, held_raw, title, event_id, created_at)
values ($press_id, $source_id, $held_at, $held_precision, $held_raw, $title, $event_id, $created_at)
on conflict do nothing;
