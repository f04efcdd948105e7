-- Outage windows per source: a run of failed fetches (fetch_errors) not interrupted by a successful fetch
-- (listings). It starts at the first failure and ends at the next successful fetch; outage_end is NULL
-- while no fetch has succeeded since (ongoing).
create or replace view source_outages as
with fetches as (
    select source_id, fetched_at, false as failed from listings
    union all
    select source_id, fetched_at, true as failed from fetch_errors
),
numbered as (
    select
        *,
        sum(case when failed then 0 else 1 end) over (
            partition by source_id order by fetched_at, failed rows between unbounded preceding and current row
        ) as run
    from fetches
),
failures as (
    select source_id, run, min(fetched_at) as outage_start, max(fetched_at) as last_failure_at, count(*) as n_failures
    from numbered
    where failed
    group by source_id, run
),
successes as (
    select source_id, run, fetched_at
    from numbered
    where not failed
),
final as (
    select
        f.source_id,
        f.outage_start,
        s.fetched_at as outage_end,
        f.last_failure_at,
        f.n_failures,
        s.fetched_at is null as ongoing
    from failures f
    left join successes s on s.source_id = f.source_id and s.run = f.run + 1
)
select * from final;
