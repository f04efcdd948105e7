-- Already linked documents from $since on: the history a new document may join.
select m.doc_id, m.source_id, m.kind, m.region, m.title, m.body, m.matched_at, m.precision, ed.event_id
from match_documents m
join event_documents ed on ed.doc_id = m.doc_id
where m.matched_at >= $since
order by m.matched_at, m.doc_id;
