-- Documents not yet in any event, in the order the matcher must see them.
select m.doc_id, m.source_id, m.kind, m.region, m.title, m.body, m.matched_at, m.precision
from match_documents m
left join event_documents ed on ed.doc_id = m.doc_id
where ed.doc_id is null
order by m.matched_at, m.doc_id;
