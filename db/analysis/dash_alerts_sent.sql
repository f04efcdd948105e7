-- Alerts decided for the given events (`tracker alerts`), per event, source, rule and kind: when the first channel
-- took it, and on how many of its channels it was delivered.
select
    a.event_id,
    a.source_id,
    a.rule_id,
    a.kind,
    min(o.sent_at) as first_sent_at,
    count(o.sent_at)::integer as n_delivered,
    count(*)::integer as n_channels
from alerts a
join alert_outbox o on o.alert_id = a.alert_id
where list_contains($event_ids::varchar[], a.event_id)
group by a.event_id, a.source_id, a.rule_id, a.kind
order by a.event_id, a.source_id, a.rule_id, a.kind;
