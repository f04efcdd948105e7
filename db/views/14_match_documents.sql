-- Each document as event linking reads it: its source's kind and region, the time it is matched at (the claimed
-- publish time unless flagged as implausible, else when we first saw it) and how precisely that time is known.
create or replace view match_documents as
select d.doc_id, d.source_id, s.kind, s.region, d.title, d.body,
       coalesce(case when d.published_flag is null then d.published_at end, d.first_seen_at) as matched_at,
       case when d.published_flag is null and d.published_at is not null then d.published_precision end as precision
from documents d
join sources s on s.source_id = d.source_id;
