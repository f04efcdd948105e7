-- Every source with the time of its newest new document (first_seen_at only moves earlier, so this is
-- when we last saw something new). Status is decided in pipeline/health.py from the polls below.
-- The documents are grouped by source before the join (a join first carried every document's source columns).
with newest as (
    select source_id, max(first_seen_at) as last_new_item
    from documents
    group by source_id
)
select s.source_id, s.name, s.kind, s.region, n.last_new_item
from sources s
left join newest n on n.source_id = s.source_id
order by s.source_id;
