-- Rule results for one event, one row per responsible source and rule (an equality the view can push down:
-- a list filter makes event_rule_status compute every event).
select
    r.event_id,
    r.source_id,
    s.name as source_name,
    r.role,
    r.rule_id,
    r.document,
    r.obligation,
    r.severity,
    r.clock_hours,
    r.clock_start,
    r.deadline,
    r.response_hours_min::double as response_hours_min,
    r.response_hours_max::double as response_hours_max,
    r.outage_during_clock,
    r.status
from event_rule_status r
join sources s on s.source_id = r.source_id
where r.event_id = $event_id
order by r.event_id, r.role, r.source_id, r.rule_id;
