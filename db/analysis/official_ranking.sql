-- Official sources ranked by their responses to the events in scope (week of the event's first timed document;
-- region: the source's region starts with $region). A response "spoke first" when its first post's interval ends
-- before the event's first media report begins; it trailed when it starts at or after that report's interval ends.
with firsts as (
    select
        event_id,
        min(first_at) as first_at,
        min(first_at) filter (where kind = 'media') as media_start,
        min(min_at_end) filter (where kind = 'media') as media_end
    from event_source_facts
    group by event_id
),
scoped as (
    select *
    from firsts
    where ($week_start::timestamptz is null or first_at >= $week_start::timestamptz)
      and ($week_end::timestamptz is null or first_at < $week_end::timestamptz)
),
responses as (
    select
        r.event_id,
        r.source_id,
        r.lag_hours::double as lag_hours,
        r.is_repost,
        case
            when f.media_start is null then null
            when dt.first_at_end <= f.media_start then true
            when dt.first_at >= f.media_end then false
        end as spoke_first
    from event_official_responses r
    join scoped f on f.event_id = r.event_id
    join event_source_facts dt on dt.event_id = r.event_id and dt.source_id = r.source_id
),
per_source as (
    select
        source_id,
        count(*) as n_events,
        count(spoke_first) as n_decided,
        count(*) filter (where spoke_first) as n_first,
        count(*) filter (where f.media_start is not null and spoke_first is null) as n_undecided,
        count(*) filter (where is_repost) as n_reposts,
        count(lag_hours) as n_with_lag,
        median(lag_hours)::double as median_lag_hours,
        list(event_id order by event_id) as event_ids,
        coalesce(list(event_id order by event_id) filter (where spoke_first), []) as first_ids,
        coalesce(list(event_id order by event_id) filter (where is_repost), []) as repost_ids
    from responses
    join scoped f using (event_id)
    group by source_id
),
final as (
    select
        s.source_id,
        s.name,
        s.region,
        s.level,
        p.n_events,
        p.n_decided,
        p.n_first,
        p.n_undecided,
        case when p.n_decided > 0 then round(p.n_first / p.n_decided, 4) end as first_share,
        p.n_reposts,
        p.n_with_lag,
        p.median_lag_hours,
        p.event_ids,
        p.first_ids,
        p.repost_ids
    from per_source p
    join sources s on s.source_id = p.source_id
    where $region::varchar is null or starts_with(s.region, $region::varchar)
)
select * from final
order by median_lag_hours nulls last, first_share desc nulls last, n_events desc, source_id;
