-- Rule clocks of open events, as event_rule_status judges them: events whose first media report is at or after
-- $open_since, per responsible official source and rule in force (clocks judged unobservable, an outage hiding
-- whether the source posted, are left out; undecided ones have a response). With the event's first media report (outlet, time, link) and the alert kinds already
-- decided for the clock.
with first_media as (
    select
        ed.event_id,
        s.name as outlet,
        d.published_at,
        d.url,
        row_number() over (partition by ed.event_id order by d.published_at, d.doc_id) as n
    from event_documents ed
    join documents d on d.doc_id = ed.doc_id
    join sources s on s.source_id = d.source_id
    where s.kind = 'media' and d.published_at is not null and d.published_flag is null
),
sent as (
    select event_id, source_id, rule_id, list(kind order by kind) as kinds
    from alerts
    group by event_id, source_id, rule_id
)
select
    r.event_id,
    e.label,
    r.source_id,
    s.name as source_name,
    s.region as source_region,
    r.rule_id,
    r.document,
    r.obligation,
    r.severity,
    r.clock_hours,
    r.clock_start,
    r.deadline,
    r.responded,
    r.response_latest,
    r.response_hours_max,
    r.status,
    m.outlet as first_media_outlet,
    m.published_at as first_media_at,
    m.url as first_media_url,
    coalesce(a.kinds, []) as kinds_sent
from event_rule_status r
join events e on e.event_id = r.event_id
join sources s on s.source_id = r.source_id
join first_media m on m.event_id = r.event_id and m.n = 1
left join sent a on a.event_id = r.event_id and a.source_id = r.source_id and a.rule_id = r.rule_id
where r.rule_in_force
  and r.status in ('pending', 'met', 'missed', 'undecided')
  and m.published_at >= $open_since
order by r.deadline, r.event_id, r.source_id, r.rule_id;
