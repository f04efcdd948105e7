-- A fingerprint of everything the stored event facts (event_source_facts, event_sources, event_keyword_matches) are
-- computed from: links, events' labels, the documents' titles, times, bounds and declared sources, the sources' kind,
-- channel, name, region and level (the first post's repost class reads the registry), the copies of other documents'
-- text and the severity keywords. A different value means the stored facts are stale.
select concat_ws(':',
    (select count(*) || '-' || coalesce(sum(hash(doc_id, event_id)), 0) from event_documents),
    (select count(*) || '-' || coalesce(sum(hash(event_id, label)), 0) from events),
    (select count(*) || '-' || coalesce(sum(hash(doc_id, source_id, title, published_at, published_precision,
                                                 published_flag, first_seen_at, absent_at, bounds_seen_at,
                                                 declared_source, declared_source_kind)), 0)
     from documents),
    (select count(*) || '-' || coalesce(sum(hash(source_id, kind, channel, name, region, level)), 0) from sources),
    (select count(*) || '-' || coalesce(sum(hash(doc_id, copied_doc_id)), 0) from document_copies),
    (select count(*) || '-' || coalesce(sum(hash(keyword)), 0) from severity_keywords)
) as fingerprint;
