-- Already linked documents from $since on: the history a new document may join.
select d.doc_id, d.source_id, s.kind, s.region, d.title, d.body,
       coalesce(case when d.published_flag is null then d.published_at end, d.first_seen_at) as matched_at,
       case when d.published_flag is null and d.published_at is not null then d.published_precision end as precision,
       ed.event_id
from documents d
join sources s on s.source_id = d.source_id
join event_documents ed on ed.doc_id = d.doc_id
where coalesce(case when d.published_flag is null then d.published_at end, d.first_seen_at) >= $since
order by matched_at, d.doc_id;
