-- ISO weeks (Asia/Shanghai) that hold the first timed document of at least one event, newest first.
with final as (
    select
        isoyear(first_at) as iso_year,
        week(first_at) as iso_week,
        count(*) as n_events
    from event_first_times
    group by all
)
select * from final
order by iso_year desc, iso_week desc;
