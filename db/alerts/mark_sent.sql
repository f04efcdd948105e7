update alert_outbox
set status = 'sent', sent_at = $now, last_error = null
where alert_id = $alert_id and channel = $channel and status = 'sending';
