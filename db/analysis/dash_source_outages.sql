-- Outage windows (source_outages) of the sources in a region (NULL: all), newest first; ongoing ones have no end.
select
    o.source_id,
    s.name,
    o.outage_start,
    o.outage_end,
    o.ongoing,
    o.n_failures,
    round(date_diff('second', o.outage_start, coalesce(o.outage_end, a.as_of)) / 3600.0, 2)::double as hours
from source_outages o
join sources s on s.source_id = o.source_id
cross join (select coalesce(max(value_time) filter (where name = 'as_of'), now()) as as_of from analysis_settings) a
where $region::varchar is null or starts_with(s.region, $region::varchar)
order by o.outage_start desc, o.source_id
limit 200;
