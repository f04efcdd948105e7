-- A fingerprint of the fetches (listings, fetch_errors) the stored fetch facts are computed from.
select concat_ws(':',
    (select count(*) || '-' || coalesce(sum(hash(source_id, page_url, fetched_at)), 0) from listings),
    (select count(*) || '-' || coalesce(sum(hash(source_id, url, fetched_at)), 0) from fetch_errors)
) as fingerprint;
