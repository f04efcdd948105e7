-- The latest fetch errors of the sources in a region (NULL: all), newest first: outages and failing columns.
select e.source_id, s.name, e.url, e.fetched_at, e.error
from fetch_errors e
join sources s on s.source_id = e.source_id
where $region::varchar is null or starts_with(s.region, $region::varchar)
order by e.fetched_at desc, e.source_id, e.url
limit 200;
