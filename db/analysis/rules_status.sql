-- Rule results for the given events, one row per event, responsible source and rule.
select *
from event_rule_results
where list_contains($event_ids::varchar[], event_id)
order by event_id, role, source_id, rule_id;
