insert into event_documents (doc_id, event_id, score, matched_doc_id, shared_terms, deciding_features, linked_at)
values ($doc_id, $event_id, $score, $matched_doc_id, $shared_terms, $deciding_features, $linked_at)
on conflict (doc_id) do nothing;
