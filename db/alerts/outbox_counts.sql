select status, count(*) as n
from alert_outbox
group by status
order by status;
