-- Regions of media outlets whose documents first seen at or after $since belong to an event.
select distinct s.region
from documents d
join sources s using (source_id)
join event_documents ed using (doc_id)
where d.first_seen_at >= $since and s.kind = 'media' and s.region is not null;
