-- Scorecards. An event belongs to the ISO week (Asia/Shanghai) of its first timed document. A source is
-- scored on the events it is first responsible for (event_responsible_sources.role = 'first') and the
-- events it responded to.

-- One row per (event, scored official source): its response, repost class and rule results.
create or replace view scorecard_rows as
with clocks as (
    select event_id, coalesce(min(first_at) filter (where kind = 'media'), min(first_at)) as clock_start
    from event_source_facts
    group by event_id
),
pairs as (
    select event_id, source_id from event_responsible_sources where role = 'first'
    union
    select event_id, source_id from event_official_responses
),
rule_counts as (
    select
        event_id,
        source_id,
        count(*) filter (where status = 'met') as n_rule_met,
        count(*) filter (where status = 'missed') as n_rule_missed,
        count(*) filter (where status = 'pending') as n_rule_pending,
        count(*) filter (where status = 'unobservable') as n_rule_unobservable,
        count(*) filter (where status = 'undecided') as n_rule_undecided
    from event_rule_status
    where rule_in_force
    group by event_id, source_id
),
final as (
    select
        p.event_id,
        p.source_id,
        c.clock_start,
        date_trunc('week', c.clock_start) as week_start,
        r.first_doc_id is not null as responded,
        r.lag_hours::double as lag_hours,
        r.spoke_first,
        r.is_repost,
        r.repost_class,
        coalesce(rc.n_rule_met, 0) as n_rule_met,
        coalesce(rc.n_rule_missed, 0) as n_rule_missed,
        coalesce(rc.n_rule_pending, 0) as n_rule_pending,
        coalesce(rc.n_rule_unobservable, 0) as n_rule_unobservable,
        coalesce(rc.n_rule_undecided, 0) as n_rule_undecided
    from pairs p
    join clocks c on c.event_id = p.event_id
    left join event_official_responses r on r.event_id = p.event_id and r.source_id = p.source_id
    left join rule_counts rc on rc.event_id = p.event_id and rc.source_id = p.source_id
)
select * from final;

-- Per official source and ISO week: events, median and 90th-percentile lag (hours after the first media
-- report, claimed times), share first (of responses whose order is decided), share reposted, rule results
-- (rules in force only) and compliance = met / (met + missed), observed uptime (1 - failed share of
-- fetches that week, as in site_health_weekly), and the change against the source's previous week.
create or replace view official_scorecards as
with weekly as (
    select
        source_id,
        week_start,
        count(*) as n_events,
        count(*) filter (where responded) as n_responded,
        median(lag_hours) as median_lag_hours,
        quantile_cont(lag_hours, 0.9) as p90_lag_hours,
        count(spoke_first) as n_decided,
        count(*) filter (where spoke_first) as n_first,
        count(*) filter (where is_repost) as n_reposted,
        sum(n_rule_met) as n_rule_met,
        sum(n_rule_missed) as n_rule_missed,
        sum(n_rule_pending) as n_rule_pending,
        sum(n_rule_unobservable) as n_rule_unobservable,
        sum(n_rule_undecided) as n_rule_undecided
    from scorecard_rows
    group by source_id, week_start
),
scored as (
    select
        w.*,
        case when w.n_decided > 0 then round(w.n_first / w.n_decided, 4) end as share_first,
        case when w.n_responded > 0 then round(w.n_reposted / w.n_responded, 4) end as share_reposted,
        case when w.n_rule_met + w.n_rule_missed > 0
             then round(w.n_rule_met / (w.n_rule_met + w.n_rule_missed), 4) end as rule_compliance,
        case when h.n_fetches > 0 then round(1 - h.n_failed / h.n_fetches, 4) end as uptime
    from weekly w
    left join source_fetch_weeks h on h.source_id = w.source_id and h.week_start = w.week_start
),
final as (
    select
        s.source_id,
        src.name,
        src.region,
        src.level,
        src.channel,
        isoyear(s.week_start) as iso_year,
        week(s.week_start) as iso_week,
        s.week_start,
        s.n_events,
        s.n_responded,
        round(s.median_lag_hours, 4) as median_lag_hours,
        round(s.p90_lag_hours, 4) as p90_lag_hours,
        s.n_decided,
        s.n_first,
        s.share_first,
        s.n_reposted,
        s.share_reposted,
        s.n_rule_met,
        s.n_rule_missed,
        s.n_rule_pending,
        s.n_rule_unobservable,
        s.n_rule_undecided,
        s.rule_compliance,
        s.uptime,
        s.n_events - prev.n_events as n_events_change,
        round(s.median_lag_hours - prev.median_lag_hours, 4) as median_lag_change,
        round(s.share_first - prev.share_first, 4) as share_first_change,
        round(s.rule_compliance - prev.rule_compliance, 4) as rule_compliance_change
    from scored s
    join sources src on src.source_id = s.source_id
    left join scored prev on prev.source_id = s.source_id and prev.week_start = s.week_start - interval 7 day
)
select * from final;

-- Roll-ups by region prefix: one row per official region (a province holds its cities and counties) and
-- ISO week, over the scorecard rows of every official source whose region starts with it; parent_region is
-- the nearest official region above it.
create or replace view region_scorecards as
with regions as (
    select region, min(level) as level
    from sources
    where kind = 'official' and region is not null and region <> ''
    group by region
),
parents as (
    select r.region, max_by(p.region, length(p.region)) as parent_region
    from regions r
    left join regions p on starts_with(r.region, p.region) and p.region <> r.region
    group by r.region
),
rows_in as (
    select g.region, sr.*
    from regions g
    join sources s on s.kind = 'official' and starts_with(s.region, g.region)
    join scorecard_rows sr on sr.source_id = s.source_id
),
health_in as (
    select g.region, h.week_start, sum(h.n_fetches) as n_fetches, sum(h.n_failed) as n_failed
    from regions g
    join sources s on s.kind = 'official' and starts_with(s.region, g.region)
    join source_fetch_weeks h on h.source_id = s.source_id
    group by g.region, h.week_start
),
weekly as (
    select
        region,
        week_start,
        count(distinct source_id) as n_sources,
        count(distinct event_id) as n_events,
        count(*) filter (where responded) as n_responses,
        median(lag_hours) as median_lag_hours,
        quantile_cont(lag_hours, 0.9) as p90_lag_hours,
        case when count(spoke_first) > 0
             then round(count(*) filter (where spoke_first) / count(spoke_first), 4) end as share_first,
        case when count(*) filter (where responded) > 0
             then round(count(*) filter (where is_repost) / count(*) filter (where responded), 4) end
            as share_reposted,
        sum(n_rule_met) as n_rule_met,
        sum(n_rule_missed) as n_rule_missed,
        case when sum(n_rule_met) + sum(n_rule_missed) > 0
             then round(sum(n_rule_met) / (sum(n_rule_met) + sum(n_rule_missed)), 4) end as rule_compliance
    from rows_in
    group by region, week_start
),
final as (
    select
        w.region,
        g.level,
        pa.parent_region,
        isoyear(w.week_start) as iso_year,
        week(w.week_start) as iso_week,
        w.week_start,
        w.n_sources,
        w.n_events,
        w.n_responses,
        round(w.median_lag_hours, 4) as median_lag_hours,
        round(w.p90_lag_hours, 4) as p90_lag_hours,
        w.share_first,
        w.share_reposted,
        w.n_rule_met,
        w.n_rule_missed,
        w.rule_compliance,
        case when h.n_fetches > 0 then round(1 - h.n_failed / h.n_fetches, 4) end as uptime,
        round(w.median_lag_hours - prev.median_lag_hours, 4) as median_lag_change,
        round(w.share_first - prev.share_first, 4) as share_first_change,
        round(w.rule_compliance - prev.rule_compliance, 4) as rule_compliance_change
    from weekly w
    join regions g on g.region = w.region
    join parents pa on pa.region = w.region
    left join health_in h on h.region = w.region and h.week_start = w.week_start
    left join weekly prev on prev.region = w.region and prev.week_start = w.week_start - interval 7 day
)
select * from final;
