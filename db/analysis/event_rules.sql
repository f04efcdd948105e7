-- Rule results for one event, one row per responsible source and rule (an equality the view can push down:
-- a list filter makes event_rule_status compute every event).
select *
from event_rule_results
where event_id = $event_id
order by event_id, role, source_id, rule_id;
