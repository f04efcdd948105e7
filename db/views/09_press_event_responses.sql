-- Per press event and responsible official website (an official website source whose region contains the
-- press event's source's region): the event it was linked to (press_event_links), when the website first
-- posted on that event, and its lag after the press event (claimed point and observed interval).
-- hours_since_press counts to as_of, for a website that has not posted yet.
create or replace view press_event_responses as
with settings as (
    select coalesce(max(value_time) filter (where name = 'as_of'), now()) as as_of
    from analysis_settings
),
press as (
    select p.press_id, p.source_id as press_source_id, s.region as press_region, p.held_at, p.title, l.event_id,
           l.linked_by
    from press_events p
    join sources s on s.source_id = p.source_id
    join press_event_links l on l.press_id = p.press_id
),
websites as (
    select source_id, region, level
    from sources
    where kind = 'official' and channel = 'website' and region is not null and region <> ''
),
posts as (
    select
        event_id,
        source_id,
        first_at,
        case when all_earliest_known then min_earliest_at end as first_at_earliest,
        min_latest_at as first_at_latest,
        first_doc_id
    from event_source_facts
    where kind = 'official'
),
final as (
    select
        p.press_id,
        p.title,
        p.held_at,
        p.press_source_id,
        p.event_id,
        p.linked_by,
        w.source_id,
        w.level,
        po.first_at,
        po.first_doc_id,
        round(date_diff('second', p.held_at, po.first_at) / 3600.0, 4) as lag_hours,
        round(date_diff('second', p.held_at, po.first_at_earliest) / 3600.0, 4) as lag_hours_min,
        round(date_diff('second', p.held_at, po.first_at_latest) / 3600.0, 4) as lag_hours_max,
        po.first_at is not null as posted,
        round(date_diff('second', p.held_at, st.as_of) / 3600.0, 4) as hours_since_press
    from press p
    cross join settings st
    join websites w on starts_with(p.press_region, w.region)
    left join posts po on po.event_id = p.event_id and po.source_id = w.source_id
)
select * from final;
