-- Store absent_at for every document whose bounds are missing or stale (views/01_document_times.sql,
-- document_bounds_pending, holds the definition); bounds_seen_at records the first_seen_at it holds for.
update documents
set absent_at = p.absent_at,
    bounds_seen_at = p.first_seen_at
from (select doc_id, first_seen_at, absent_at from document_bounds_pending) p
where documents.doc_id = p.doc_id;
