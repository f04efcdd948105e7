-- Rule results for the given events, one row per event, responsible source and rule.
select *
from event_rule_results
where event_id in (select unnest($event_ids::varchar[]))
order by event_id, role, source_id, rule_id;
