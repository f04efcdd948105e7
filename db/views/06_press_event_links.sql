-- Each press event linked to the event it is about: press_events.event_id when an analyst pinned it;
-- otherwise the event holding the document whose title best contains the press title's character pairs
-- (a document of a source whose region contains, or lies in, the press source's region),
-- among documents claiming a publish time from 24 h before the press event to press_window_hours after it, when that
-- share reaches press_min_overlap.
create or replace view press_event_links as
with settings as (
    select
        max(value_number) filter (where name = 'press_window_hours') as window_hours,
        max(value_number) filter (where name = 'press_min_overlap') as min_overlap
    from analysis_settings
),
press as materialized (
    select
        p.press_id,
        p.held_at,
        p.held_at - interval 24 hour as window_start,
        p.held_at + to_microseconds((st.window_hours * 3600000000)::bigint) as window_end,
        p.event_id as pinned_event_id,
        st.min_overlap,
        ps.region,
        list_distinct([substr(t.clean, i, 2) for i in range(1, length(t.clean))]) as pairs
    from press_events p
    join sources ps on ps.source_id = p.source_id
    cross join settings st,
    lateral (select regexp_replace(p.title, '[^\p{Han}A-Za-z0-9]', '', 'g') as clean) t
    where p.event_id is null
),
timed as (
    select d.doc_id, d.title, d.published_at, epoch_us(d.published_at) // 86400000000 as day, s.region
    from documents d
    join sources s on s.source_id = d.source_id
    where d.published_at is not null and d.published_flag is null
),
press_days as (
    select press_id, held_at, window_start, window_end, region,
           unnest(range(epoch_us(window_start) // 86400000000, epoch_us(window_end) // 86400000000 + 1)) as day
    from press
),
-- Joined on the day first (an equality join on whole UTC days since the epoch), then on the exact window.
in_window as (
    select p.press_id, p.held_at, p.region as press_region, d.doc_id, d.title, d.published_at, d.region
    from press_days p
    join timed d on d.day = p.day
    where d.published_at >= p.window_start and d.published_at < p.window_end
),
nearby as materialized (
    select n.*, p.pairs, p.min_overlap
    from in_window n
    join press p on p.press_id = n.press_id
    where starts_with(n.region, n.press_region) or starts_with(n.press_region, n.region)
),
pair_hits as (
    select press_id, doc_id, count(*) filter (where contains(title, pair)) / count(*) as overlap
    from (select press_id, doc_id, title, unnest(pairs) as pair from nearby)
    group by press_id, doc_id
),
candidates as (
    select
        n.press_id,
        ed.event_id,
        n.min_overlap,
        h.overlap,
        abs(date_diff('second', n.held_at, n.published_at)) as distance
    from nearby n
    join pair_hits h on h.press_id = n.press_id and h.doc_id = n.doc_id
    join event_documents ed on ed.doc_id = n.doc_id
),
best as (
    select
        press_id,
        arg_max(event_id, (overlap, -distance)) as event_id,
        max(overlap) as overlap,
        any_value(min_overlap) as min_overlap
    from candidates
    group by press_id
),
final as (
    select
        p.press_id,
        coalesce(p.event_id, b.event_id) as event_id,
        case when p.event_id is not null then 'pinned' when b.event_id is not null then 'title' end
            as linked_by,
        round(b.overlap, 4) as title_overlap
    from press_events p
    left join best b on b.press_id = p.press_id and b.overlap >= b.min_overlap
)
select * from final;
