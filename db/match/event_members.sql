-- Members of the given events with what the repost check needs.
select ed.event_id, m.doc_id, m.source_id, m.kind, m.region, m.title, m.body, m.matched_at, m.precision
from event_documents ed
join match_documents m on m.doc_id = ed.doc_id
where list_contains($event_ids, ed.event_id)
order by ed.event_id, m.matched_at, m.doc_id;
