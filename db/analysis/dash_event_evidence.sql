-- Every document of one event with its link explanation (probability, the document it was linked through, shared
-- terms, the features that decided),
-- its capture (raw page hash, encoding, first seen) and the media document its text copies, if any; and what the
-- document list (event_document_list) shows, so the event page reads the documents once: at_end, absent_at,
-- backdated and seen_before_claimed (document_bounds).
-- The event's links first, by the index on event_id (filtered inside a join the links were scanned whole).
with links as materialized (
    select * from event_documents where event_id = $event_id
)
select
    d.doc_id,
    d.source_id,
    s.name as source_name,
    s.kind,
    s.channel,
    d.title,
    d.body,
    d.url,
    d.published_at,
    dt.claimed_end as at_end,
    d.published_precision,
    d.published_raw,
    d.published_flag,
    d.first_seen_at,
    d.declared_source,
    d.declared_source_kind,
    d.raw_sha256,
    d.encoding,
    dt.absent_at,
    coalesce(dt.backdated, false) as backdated,
    coalesce(dt.seen_before_claimed, false) as seen_before_claimed,
    ed.score,
    ed.matched_doc_id,
    ed.shared_terms,
    ed.deciding_features,
    c.copied_doc_id,
    c.similarity as copy_similarity
from links ed
join documents d on d.doc_id = ed.doc_id
join sources s on s.source_id = d.source_id
left join document_bounds dt on dt.doc_id = d.doc_id
left join document_copies c on c.doc_id = d.doc_id
where d.doc_id in (select doc_id from links)
order by d.published_flag nulls first, d.published_at nulls last, d.doc_id, c.copied_doc_id;
