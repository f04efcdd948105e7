-- A fingerprint of the per-event and per-document inputs of the stored event facts (event_source_facts, event_sources,
-- event_keyword_matches, event_facts, event_search_text, source_week_post_facts, source_publish_week_facts): links,
-- events' labels, the documents' titles, times, bounds and declared sources, and the copies of other documents' text
-- (the sources and the keywords: refresh/global_inputs_fingerprint.sql). A different value means some are stale; the
-- digests (refresh/input_digests.sql) tell which.
select concat_ws(':',
    (select count(*) || '-' || coalesce(sum(hash(doc_id, event_id)), 0) from event_documents),
    (select count(*) || '-' || coalesce(sum(hash(event_id, label)), 0) from events),
    (select count(*) || '-' || coalesce(sum(hash(doc_id, source_id, title, published_at, published_precision,
                                                 published_flag, first_seen_at, absent_at, bounds_seen_at,
                                                 declared_source, declared_source_kind)), 0)
     from documents),
    (select count(*) || '-' || coalesce(sum(hash(doc_id, copied_doc_id)), 0) from document_copies)
) as fingerprint;
