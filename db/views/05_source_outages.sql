-- Outage windows per source: a run of failed fetches (fetch_errors) not interrupted by a successful fetch
-- (listings). It starts at the first failure and ends at the next successful fetch; outage_end is NULL
-- while no fetch has succeeded since (ongoing).
-- Stored in source_outage_facts by db.refresh_analysis (from source_outages_live) whenever the fetches change.
create or replace view source_outages_live as
-- Each failure's run ends at the first successful fetch after it (NULL: none yet); failures sharing that end form one
-- outage. (Same as numbering the runs of a union of fetches, without sorting every fetch.)
with failures as (
    select f.source_id, f.fetched_at, l.fetched_at as outage_end
    from fetch_errors f
    asof left join listings l on l.source_id = f.source_id and l.fetched_at > f.fetched_at
),
final as (
    select
        source_id,
        min(fetched_at) as outage_start,
        outage_end,
        max(fetched_at) as last_failure_at,
        count(*) as n_failures,
        outage_end is null as ongoing
    from failures
    group by source_id, outage_end
)
select * from final;

create or replace view source_outages as
select source_id, outage_start, outage_end, last_failure_at, n_failures, ongoing
from source_outage_facts;
