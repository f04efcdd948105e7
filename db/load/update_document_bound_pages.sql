-- The fetches of the list pages this file added listings for, as the bounds now reflect them.
insert or replace into document_bound_pages
select l.source_id, l.page_url, count(*), min(l.fetched_at), max(l.fetched_at)
from listings l
semi join (select distinct source_id, page_url from staged_listings) p
  on p.source_id = l.source_id and p.page_url = l.page_url
group by l.source_id, l.page_url;
