-- Rule clocks still running (event_rule_status: pending, rule in force) of events the media reported, for the
-- overview's "进行中的时钟"; the responsible source's region starts with $region (NULL: all).
-- $after: a time at or before as_of (the overview passes dash_as_of's), NULL for none. A pending clock has no response
-- and its deadline is after as_of, so only clocks with no response and a deadline after $after are read: a constant
-- bound the stored clocks' scan applies, instead of judging all of them at as_of (0.7 s at 10 M documents).
select
    r.event_id,
    e.label,
    r.source_id,
    s.name as source_name,
    r.rule_id,
    r.document,
    r.obligation,
    r.clock_hours,
    r.clock_start,
    r.deadline
from event_rule_status r
join events e on e.event_id = r.event_id
join sources s on s.source_id = r.source_id
join event_timeliness t on t.event_id = r.event_id
where r.status = 'pending'
  and r.rule_in_force
  and ($after::timestamptz is null or (not r.responded and r.deadline > $after::timestamptz))
  and t.n_media > 0
  and ($region::varchar is null or starts_with(s.region, $region::varchar))
order by r.deadline, r.event_id, r.source_id, r.rule_id;
