-- Every source with the time of its newest new document (first_seen_at only moves earlier, so this is
-- when we last saw something new). Status is decided in pipeline/health.py from the polls below.
select s.source_id, s.name, s.kind, s.region, max(d.first_seen_at) as last_new_item
from sources s left join documents d using (source_id)
group by all
order by s.source_id;
