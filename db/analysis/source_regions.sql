-- Regions named by any source, for the region filter.
select distinct region
from sources
where region is not null and region <> ''
order by region;
