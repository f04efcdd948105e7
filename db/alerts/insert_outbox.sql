insert into alert_outbox (alert_id, channel, status, attempts, next_attempt_at)
values ($alert_id, $channel, 'pending', 0, $now)
on conflict do nothing;
