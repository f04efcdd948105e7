-- Record the changed list pages' fetches as the bounds now reflect them (pages without fetches any more: removed).
delete from document_bound_pages
where (source_id, page_url) in (select source_id, page_url from document_bound_pages_changed where n_fetches is null);
insert or replace into document_bound_pages
select source_id, page_url, n_fetches, first_fetched_at, last_fetched_at
from document_bound_pages_changed
where n_fetches is not null;
