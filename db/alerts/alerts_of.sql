select alert_id, event_id, source_id, rule_id, kind, deadline, created_at, title, body, facts
from alerts
where list_contains($alert_ids::varchar[], alert_id);
