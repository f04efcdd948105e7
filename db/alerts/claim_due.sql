-- Claim the deliveries due at $now: pending ones whose back-off has passed and interrupted ones (status sending).
-- Each claimed row is marked sending before anything goes out.
update alert_outbox
set status = 'sending',
    attempts = attempts + 1,
    claimed_at = $now,
    resent_after_interruption = resent_after_interruption or status = 'sending'
where status = 'sending'
   or (status = 'pending' and (next_attempt_at is null or next_attempt_at <= $now))
returning alert_id, channel, attempts, resent_after_interruption;
