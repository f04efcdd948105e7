update alert_outbox
set status = 'pending', next_attempt_at = $next_attempt_at, last_error = $error
where alert_id = $alert_id and channel = $channel and status = 'sending';
