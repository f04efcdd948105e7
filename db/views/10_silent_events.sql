-- Silent events: at least silent_min_media media documents, and no post by a responsible official source
-- (event_responsible_sources) whose earliest possible time falls within silent_window_hours of the first
-- media report. Only events whose window has closed at as_of, with at least one responsible source.
-- unobservable: a responsible source had an outage overlapping the window.
-- The windows are stored (silent_window_facts, rebuilt by db.refresh_analysis with the rule clocks from
-- silent_windows_live); silent_events judges them at as_of on every query.
create or replace macro silent_windows_of(scoped) as table
with settings as (
    select
        max(value_number) filter (where name = 'silent_min_media') as min_media,
        max(value_number) filter (where name = 'silent_window_hours') as window_hours
    from analysis_settings
),
media as (
    select
        event_id,
        min(first_at) as first_media_at,
        sum(n_docs)::bigint as n_media,
        count(*) as n_media_sources
    from event_source_facts
    where kind = 'media' and (not scoped or event_id in (select event_id from refresh_events))
    group by event_id
),
windows as (
    select m.*, m.first_media_at + to_microseconds((st.window_hours * 3600000000)::bigint) as deadline
    from media m
    cross join settings st
    where m.n_media >= st.min_media
),
-- Each window's responsible sources, computed once for both uses below.
exposed as materialized (
    select w.event_id, w.first_media_at, w.deadline, rs.source_id
    from windows w
    join (from event_responsible_sources where not scoped or event_id in (select event_id from refresh_events)) rs
      on rs.event_id = w.event_id
),
responsible as (
    select
        x.event_id,
        x.source_id,
        min(f.first_at) as first_at,
        -- any post whose earliest possible time is unbounded or inside the window
        bool_or(f.event_id is not null and (not f.all_earliest_known or f.min_earliest_at < x.deadline)) as in_window
    from exposed x
    left join (from event_source_facts where not scoped or event_id in (select event_id from refresh_events)) f
           on f.event_id = x.event_id and f.source_id = x.source_id
    group by x.event_id, x.source_id
),
-- Outages by source within each window's time range (joined on the range first, every outage would meet every
-- window): one that has ended overlapping the window, or one still running that began before the deadline.
outages as (
    select
        x.event_id,
        bool_or(o.outage_end is not null and o.outage_end > x.first_media_at) as outage_closed,
        bool_or(o.outage_end is null) as ongoing_outage
    from exposed x
    join source_outages o on o.source_id = x.source_id and o.outage_start < x.deadline
    group by x.event_id
),
final as (
    select
        w.event_id,
        w.first_media_at,
        w.deadline,
        w.n_media,
        w.n_media_sources,
        count(*) as n_responsible,
        list(r.source_id order by r.source_id) as responsible_source_ids,
        min(r.first_at) as first_response_at,
        bool_or(r.in_window) as any_in_window,
        coalesce(any_value(o.outage_closed), false) as outage_closed,
        coalesce(any_value(o.ongoing_outage), false) as ongoing_outage
    from windows w
    join responsible r on r.event_id = w.event_id
    left join outages o on o.event_id = w.event_id
    group by w.event_id, w.first_media_at, w.deadline, w.n_media, w.n_media_sources
)
select * from final;

create or replace view silent_windows_live as
from silent_windows_of(false);

-- The stored windows (silent_window_facts) judged at as_of: silent once the window has closed with no responsible
-- post inside it.
create or replace view silent_events as
with settings as (
    select coalesce(max(value_time) filter (where name = 'as_of'), now()) as as_of
    from analysis_settings
)
select
    w.event_id,
    e.label,
    w.first_media_at,
    w.deadline,
    w.n_media,
    w.n_media_sources,
    w.n_responsible,
    w.responsible_source_ids,
    w.first_response_at,
    w.outage_closed or (w.ongoing_outage and st.as_of > w.first_media_at) as unobservable
from silent_window_facts w
cross join settings st
join events e on e.event_id = w.event_id
where st.as_of >= w.deadline
  and not w.any_in_window;
