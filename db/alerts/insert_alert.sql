insert into alerts (alert_id, event_id, source_id, rule_id, kind, deadline, created_at, title, body, facts)
values ($alert_id, $event_id, $source_id, $rule_id, $kind, $deadline, $created_at, $title, $body, $facts)
on conflict do nothing
returning alert_id;
