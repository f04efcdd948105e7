-- Documents found on a list page whose fetches changed behind the loader's back (document_bound_pages_changed):
-- their bounds are computed again by the next statement.
update documents
set bounds_seen_at = null
from document_bound_pages_changed p
where documents.source_id = p.source_id
  and documents.found_on = p.page_url
  and documents.bounds_seen_at is not null;
