-- Every document linked to one event, timed ones first in publish order; untimed and flagged ones last.
select
    d.doc_id,
    d.source_id,
    s.name as source_name,
    s.kind,
    s.channel,
    d.title,
    d.published_at,
    d.published_precision,
    d.published_flag,
    d.declared_source,
    d.url
from event_documents ed
join documents d on d.doc_id = ed.doc_id
join sources s on s.source_id = d.source_id
where ed.event_id = $event_id
order by d.published_flag nulls first, d.published_at nulls last, d.doc_id;
