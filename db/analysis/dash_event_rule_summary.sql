-- Per given event: how many rule checks (event_rule_status rows of rules in force) ended in each status.
select
    event_id,
    count(*) filter (where status = 'met') as n_met,
    count(*) filter (where status = 'missed') as n_missed,
    count(*) filter (where status = 'pending') as n_pending,
    count(*) filter (where status = 'unobservable') as n_unobservable,
    count(*) filter (where status = 'undecided') as n_undecided,
    count(*) filter (where not rule_in_force) as n_before_rule,
    list(distinct status order by status) as statuses
from event_rule_status
where event_id in (select unnest($event_ids::varchar[]))
group by event_id;
