-- Per given event: how many rule checks (event_rule_status rows of rules in force) ended in each status.
-- $since/$until: the earliest and latest clock start of the given events (an event's clock starts at its first media
-- post, else its first timed post: coalesce(first_media_at, first_at) of event_list); the stored clocks are in
-- clock_start order, so the bounds, constants, narrow the scan to that span's row groups (an event-id list alone
-- does not). $untimed: some given event has no clock start (no timed post); NULL bounds read every clock.
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
  and (clock_start between $since::timestamptz and $until::timestamptz
       or $since::timestamptz is null or ($untimed::boolean and clock_start is null))
group by event_id;
