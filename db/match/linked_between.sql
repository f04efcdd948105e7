-- Already linked documents matched from $after to before $since, in the order the matcher saw them: what the
-- stored term counts (up to $after) lack to stand where a one-pass matcher stands at $since.
select m.doc_id, m.source_id, m.kind, m.region, m.title, m.body, m.matched_at, m.precision
from match_documents m
join event_documents ed on ed.doc_id = m.doc_id
where m.matched_at >= $after and m.matched_at < $since
order by m.matched_at, m.doc_id;
