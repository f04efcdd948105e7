-- Documents whose list page got new fetches in this file, made before we first saw them: their absent_at may change,
-- so it is computed again (load/update_document_bounds). The file's own documents need no mark: a new document has no
-- bounds yet, and one whose first_seen_at moved earlier no longer matches its bounds_seen_at.
update documents
set bounds_seen_at = null
from (
    select source_id, page_url, min(fetched_at) as since
    from staged_listings
    group by source_id, page_url
) p
where documents.source_id = p.source_id
  and documents.found_on = p.page_url
  and documents.first_seen_at > p.since
  and documents.bounds_seen_at is not null;
