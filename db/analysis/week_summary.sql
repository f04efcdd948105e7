-- Key figures for the events in scope (same scoping as event_list), each with the event ids behind it.
with in_region as (
    select event_id from event_source_regions where starts_with(region, $region::varchar)
),
scoped as (
    select t.*
    from event_timeliness t
    join event_first_times f on f.event_id = t.event_id
    where ($week_start::timestamptz is null or f.first_at >= $week_start::timestamptz)
      and ($week_end::timestamptz is null or f.first_at < $week_end::timestamptz)
      and ($region::varchar is null or t.event_id in (select event_id from in_region))
),
repost_responses as (
    select r.event_id, r.source_id
    from event_official_responses r
    join scoped s on s.event_id = r.event_id
    where r.is_repost
),
final as (
    select
        count(*) as n_events,
        count(*) filter (where n_official > 0) as n_with_official,
        count(*) filter (where official_first is not null) as n_decided,
        count(*) filter (where official_first) as n_official_first,
        count(*) filter (where not official_first) as n_media_first,
        count(*) filter (where n_official > 0 and n_media > 0 and official_first is null) as n_undecided,
        count(*) filter (where n_official = 0) as n_no_official,
        count(lag_hours) as n_with_lag,
        median(lag_hours)::double as median_lag_hours,
        (select count(*) from repost_responses) as n_repost_responses,
        (select count(distinct event_id) from repost_responses) as n_events_with_repost,
        coalesce(list(event_id order by event_id), []) as event_ids,
        coalesce(list(event_id order by event_id) filter (where n_official > 0), []) as with_official_ids,
        coalesce(list(event_id order by event_id) filter (where official_first), []) as official_first_ids,
        coalesce(list(event_id order by event_id) filter (where not official_first), []) as media_first_ids,
        coalesce(list(event_id order by event_id) filter (where lag_hours is not null), []) as lag_ids,
        coalesce(list(event_id order by event_id) filter (where n_official > 0 and n_media > 0 and official_first is null), [])
            as undecided_ids,
        coalesce(list(event_id order by event_id) filter (where n_official = 0), []) as no_official_ids,
        coalesce((select list(distinct event_id order by event_id) from repost_responses), []) as repost_ids
    from scoped
)
select * from final;
