-- Rule results for the given events, one row per event, responsible source and rule.
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
where list_contains($event_ids::varchar[], r.event_id)
order by r.event_id, r.role, r.source_id, r.rule_id;
