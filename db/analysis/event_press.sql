-- Press events linked to the given events, oldest first.
select
    l.event_id,
    p.press_id,
    s.name as source_name,
    p.held_at,
    p.held_precision,
    p.title
from press_event_links l
join press_events p on p.press_id = l.press_id
join sources s on s.source_id = p.source_id
where l.event_id in (select unnest($event_ids::varchar[]))
order by l.event_id, p.held_at, p.press_id;
