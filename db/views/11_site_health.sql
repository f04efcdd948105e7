-- Site health in the terms of the 全国政府网站普查 / 国办秘函〔2019〕19号 checks.

-- Per source and ISO week (Asia/Shanghai) in which we fetched it: fetches (listings) and failures
-- (fetch_errors); fails_connectivity when failures reach health_fail_share (5%) of all fetches; the latest
-- claimed publish time by the end of the week (or as_of, for the current week) and stale when that is more
-- than health_stale_days (14) earlier or missing; outage hours inside the week (source_outages).
-- Fetches (listings) and failed fetches (fetch_errors) per source and ISO week; also read by the scorecards' uptime.
-- Stored in source_fetch_week_facts by db.refresh_analysis (from source_fetch_weeks_live) whenever the fetches change.
create or replace view source_fetch_weeks_live as
with fetches as (
    select source_id, fetched_at, false as failed from listings
    union all
    select source_id, fetched_at, true as failed from fetch_errors
)
select
    source_id,
    date_trunc('week', fetched_at) as week_start,
    count(*) as n_fetches,
    count(*) filter (where failed) as n_failed
from fetches
group by source_id, date_trunc('week', fetched_at);

create or replace view source_fetch_weeks as
select source_id, week_start, n_fetches, n_failed
from source_fetch_week_facts;

-- Per source and week boundary (Asia/Shanghai): its latest post at or before the boundary and after the one before,
-- stored in source_publish_week_facts by db.refresh_analysis with the event facts (the documents changed).
create or replace macro source_publish_weeks_of(scoped) as table
select source_id, date_trunc('week', published_at - interval 1 microsecond) + interval 7 day as boundary,
       max(published_at) as last_at
from scoped_documents(scoped)
where published_at is not null and published_flag is null
group by all;

create or replace view source_publish_weeks_live as
from source_publish_weeks_of(false);

create or replace view site_health_weekly as
with settings as (
    select
        coalesce(max(value_time) filter (where name = 'as_of'), now()) as as_of,
        max(value_number) filter (where name = 'health_fail_share') as fail_share,
        max(value_number) filter (where name = 'health_stale_days') as stale_days
    from analysis_settings
),
weeks as (
    select * from source_fetch_weeks
),
bounded as (
    select w.*, least(w.week_start + interval 7 day, st.as_of) as week_end
    from weeks w
    cross join settings st
),
published as (
    select source_id, published_at
    from documents
    where published_at is not null and published_flag is null
),
-- The latest publish time by week_end, without sorting every document: a week_end that is a week boundary reads the
-- latest stored boundary at or before it (source_publish_week_facts), and week_end = as_of inside a week adds the
-- posts since that week began.
by_boundary as (
    select source_id, boundary, last_at from source_publish_week_facts
),
since_week as (
    select p.source_id, max(p.published_at) as last_at
    from published p
    cross join settings st
    where p.published_at > date_trunc('week', st.as_of) and p.published_at <= st.as_of
    group by p.source_id
),
latest as (
    select
        b.source_id,
        b.week_start,
        greatest(w.last_at, case when b.week_end = st.as_of then n.last_at end) as last_published_at
    from bounded b
    cross join settings st
    asof left join by_boundary w on w.source_id = b.source_id and b.week_end >= w.boundary
    left join since_week n on n.source_id = b.source_id
),
outage_hours as (
    select
        b.source_id,
        b.week_start,
        count(*) as n_outages,
        sum(date_diff('second', greatest(o.outage_start, b.week_start),
                      least(coalesce(o.outage_end, st.as_of), b.week_end))) / 3600.0 as outage_hours
    from bounded b
    cross join settings st
    join source_outages o
      on o.source_id = b.source_id
     and o.outage_start < b.week_end
     and coalesce(o.outage_end, st.as_of) > b.week_start
    group by b.source_id, b.week_start
),
final as (
    select
        b.source_id,
        isoyear(b.week_start) as iso_year,
        week(b.week_start) as iso_week,
        b.week_start,
        b.week_end,
        b.n_fetches,
        b.n_failed,
        round(b.n_failed / b.n_fetches, 4) as fail_share,
        b.n_failed / b.n_fetches >= st.fail_share as fails_connectivity,
        l.last_published_at,
        round(date_diff('second', l.last_published_at, b.week_end) / 86400.0, 2) as days_since_published,
        coalesce(l.last_published_at < b.week_end - to_microseconds((st.stale_days * 86400000000)::bigint), true)
            as stale,
        coalesce(oh.n_outages, 0) as n_outages,
        round(coalesce(oh.outage_hours, 0), 4) as outage_hours
    from bounded b
    cross join settings st
    left join latest l on l.source_id = b.source_id and l.week_start = b.week_start
    left join outage_hours oh on oh.source_id = b.source_id and oh.week_start = b.week_start
)
select * from final;

-- Per list page (column) we fetch: how often, the latest claimed publish time of an article found on it,
-- and stale when that is more than health_stale_days before as_of (or there is none).
create or replace view column_health as
with settings as (
    select
        coalesce(max(value_time) filter (where name = 'as_of'), now()) as as_of,
        max(value_number) filter (where name = 'health_stale_days') as stale_days
    from analysis_settings
),
pages as (
    select source_id, page_url, count(*) as n_fetches, max(fetched_at) as last_fetched_at
    from listings
    group by source_id, page_url
),
articles as (
    select source_id, found_on as page_url, max(published_at) as last_published_at,
           max(first_seen_at) as last_new_seen_at
    from documents
    where found_on is not null and published_flag is null
    group by source_id, found_on
),
final as (
    select
        p.source_id,
        p.page_url,
        p.n_fetches,
        p.last_fetched_at,
        a.last_published_at,
        a.last_new_seen_at,
        round(date_diff('second', a.last_published_at, st.as_of) / 86400.0, 2) as days_since_published,
        coalesce(a.last_published_at < st.as_of - to_microseconds((st.stale_days * 86400000000)::bigint), true)
            as stale
    from pages p
    cross join settings st
    left join articles a on a.source_id = p.source_id and a.page_url = p.page_url
)
select * from final;
