-- Rule clocks still running (event_rule_status: pending, rule in force) of events the media reported, for the
-- overview's "进行中的时钟"; the responsible source's region starts with $region (NULL: all).
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
  and t.n_media > 0
  and ($region::varchar is null or starts_with(s.region, $region::varchar))
order by r.deadline, r.event_id, r.source_id, r.rule_id;
