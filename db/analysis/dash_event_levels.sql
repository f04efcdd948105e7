-- The levels (national, province, city, county) of the sources of each given event.
select ed.event_id, list(distinct s.level order by s.level) filter (where s.level is not null) as levels
from event_documents ed
join documents d on d.doc_id = ed.doc_id
join sources s on s.source_id = d.source_id
where list_contains($event_ids::varchar[], ed.event_id)
group by ed.event_id;
