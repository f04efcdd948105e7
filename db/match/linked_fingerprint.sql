-- The linked documents matched before $before, as the stored term counts must stand for them: how many, and a
-- fingerprint of what counting them reads (their order, kind, region and text).
select count(*) as n_docs,
       coalesce(bit_xor(hash(m.doc_id, m.matched_at, m.kind, m.region, m.title, m.body)), 0) as docs_fingerprint
from match_documents m
join event_documents ed on ed.doc_id = m.doc_id
where m.matched_at < $before;
