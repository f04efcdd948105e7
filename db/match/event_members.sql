-- Members of the given events with what the repost check needs.
select ed.event_id, d.doc_id, d.source_id, s.kind, s.region, d.title, d.body,
       coalesce(case when d.published_flag is null then d.published_at end, d.first_seen_at) as matched_at,
       case when d.published_flag is null and d.published_at is not null then d.published_precision end as precision
from event_documents ed
join documents d on d.doc_id = ed.doc_id
join sources s on s.source_id = d.source_id
where list_contains($event_ids, ed.event_id)
order by ed.event_id, matched_at, d.doc_id;
