-- Per press event and responsible official website: when it first posted on the linked event and its lag
-- after the press event. $press_id: one press event, or NULL for all.
select
    r.press_id,
    r.title,
    r.held_at,
    r.event_id,
    r.source_id,
    s.name as source_name,
    r.level,
    r.posted,
    r.first_at,
    r.lag_hours::double as lag_hours,
    r.lag_hours_min::double as lag_hours_min,
    r.lag_hours_max::double as lag_hours_max,
    r.hours_since_press::double as hours_since_press
from press_event_responses r
join sources s on s.source_id = r.source_id
where $press_id::varchar is null or r.press_id = $press_id::varchar
order by r.held_at desc, r.press_id, r.level, r.source_id;
