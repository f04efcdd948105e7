-- Whether db.refresh_analysis has anything to do: documents without up-to-date bounds, or list pages whose fetches
-- changed behind the loader's back.
select exists (select 1 from documents where bounds_seen_at is distinct from first_seen_at)
    or exists (select 1 from document_bound_pages_changed) as needed;
