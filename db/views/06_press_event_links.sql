-- Each press event linked to the event it is about: press_events.event_id when an analyst pinned it;
-- otherwise the event holding the document whose title best contains the press title's character pairs,
-- among documents published from 24 h before the press event to press_window_hours after it, when that
-- share reaches press_min_overlap.
create or replace view press_event_links as
with settings as (
    select
        max(value_number) filter (where name = 'press_window_hours') as window_hours,
        max(value_number) filter (where name = 'press_min_overlap') as min_overlap
    from analysis_settings
),
press as (
    select
        p.press_id,
        p.held_at,
        p.event_id as pinned_event_id,
        list_distinct([substr(t.clean, i, 2) for i in range(1, length(t.clean))]) as pairs
    from press_events p,
    lateral (select regexp_replace(p.title, '[^\p{Han}A-Za-z0-9]', '', 'g') as clean) t
),
candidates as (
    select
        p.press_id,
        dt.event_id,
        len(list_filter(p.pairs, lambda pair: contains(d.title, pair))) / greatest(len(p.pairs), 1) as overlap,
        abs(date_diff('second', p.held_at, dt.at_start)) as distance
    from press p
    cross join settings st
    join document_times dt
      on dt.at_start >= p.held_at - interval 24 hour
     and dt.at_start < p.held_at + to_microseconds((st.window_hours * 3600000000)::bigint)
    join documents d on d.doc_id = dt.doc_id
    where p.pinned_event_id is null
),
best as (
    select press_id, arg_max(event_id, (overlap, -distance)) as event_id, max(overlap) as overlap
    from candidates
    cross join settings st
    where overlap >= st.min_overlap
    group by press_id
),
final as (
    select
        p.press_id,
        coalesce(p.pinned_event_id, b.event_id) as event_id,
        case when p.pinned_event_id is not null then 'pinned' when b.event_id is not null then 'title' end
            as linked_by,
        round(b.overlap, 4) as title_overlap
    from press p
    left join best b on b.press_id = p.press_id
)
select * from final;
