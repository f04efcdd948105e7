-- Per-document observation bounds computed once, when a document or its list page changes, instead of on every
-- query (views/01_document_times.sql keeps the definition; pipeline/load.py and db.refresh_analysis fill them).
--   absent_at       the latest fetch of the document's list page (found_on) before first_seen_at that showed other
--                   articles but not it (the fetch before, when that one already listed it); NULL without one
--   bounds_seen_at  the first_seen_at absent_at was computed for; NULL (or a different value): not computed yet,
--                   and the views compute it on the fly until the next refresh
alter table documents add column absent_at timestamptz;
alter table documents add column bounds_seen_at timestamptz;

-- What the listings of each list page looked like when the bounds were last computed: a page whose fetches differ
-- from this (rows inserted by something other than the loader) has its documents' bounds computed again.
create table if not exists document_bound_pages (
    source_id        varchar not null,
    page_url         varchar not null,
    n_fetches        bigint not null,
    first_fetched_at timestamptz not null,
    last_fetched_at  timestamptz not null,
    primary key (source_id, page_url)
);
