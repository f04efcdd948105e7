-- ISO weeks (Asia/Shanghai) that hold the first timed document of at least one event, newest first.
with firsts as (
    select event_id, min(first_at) as first_at
    from event_source_facts
    group by event_id
),
final as (
    select
        isoyear(first_at) as iso_year,
        week(first_at) as iso_week,
        count(*) as n_events
    from firsts
    group by all
)
select * from final
order by iso_year desc, iso_week desc;
