insert into events (event_id, label, created_at) values ($event_id, $label, $created_at)
on conflict (event_id) do nothing;
