-- Deliveries whose attempt began and whose outcome was never kept: the process stopped between sending and
-- recording (only one `tracker alerts` delivers at a time, so none of these is in flight).
select alert_id, channel, attempts, claimed_at
from alert_outbox
where status = 'sending'
order by claimed_at, alert_id, channel;
