-- Site health per source and ISO week (site_health_weekly, the 普查 terms) for sources in a region (NULL: all) and
-- weeks starting in [$week_start, $week_end) (NULL: all weeks), newest week first.
select
    h.source_id,
    s.name,
    s.kind,
    s.level,
    h.iso_year,
    h.iso_week,
    h.week_start,
    h.n_fetches,
    h.n_failed,
    h.fail_share::double as fail_share,
    h.fails_connectivity,
    h.last_published_at,
    h.days_since_published::double as days_since_published,
    h.stale,
    h.n_outages,
    h.outage_hours::double as outage_hours
from site_health_weekly h
join sources s on s.source_id = h.source_id
where ($region::varchar is null or starts_with(s.region, $region::varchar))
  and ($week_start::timestamptz is null or h.week_start >= $week_start::timestamptz)
  and ($week_end::timestamptz is null or h.week_start < $week_end::timestamptz)
order by h.week_start desc, s.kind desc, h.source_id;
