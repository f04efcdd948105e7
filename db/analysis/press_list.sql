-- Press events with the event each is linked to, newest first.
select
    p.press_id,
    p.source_id,
    s.name as source_name,
    p.held_at,
    p.held_precision,
    p.title,
    l.event_id,
    l.linked_by,
    l.title_overlap
from press_events p
join sources s on s.source_id = p.source_id
left join press_event_links l on l.press_id = p.press_id
order by p.held_at desc, p.press_id;
