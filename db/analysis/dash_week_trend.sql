-- Per ISO week (Asia/Shanghai) of the events' first timed documents: events, decided, government first,
-- median lag. Region as in event_list: an event counts when any of its sources' regions starts with $region.
with in_region as (
    select event_id from event_source_regions where starts_with(region, $region::varchar)
),
scoped as (
    select t.*, f.first_at
    from event_timeliness t
    join event_first_times f on f.event_id = t.event_id
    where $region::varchar is null or t.event_id in (select event_id from in_region)
),
final as (
    select
        strftime(first_at, '%G-W%V') as week,
        count(*) as n_events,
        count(*) filter (where n_official > 0) as n_with_official,
        count(official_first) as n_decided,
        count(*) filter (where official_first) as n_official_first,
        median(lag_hours)::double as median_lag_hours
    from scoped
    group by all
)
select * from final
order by week;
