insert into match_count_state (counted_before, n_docs, docs_fingerprint, official_regions)
values ($counted_before, $n_docs, $docs_fingerprint, $official_regions);
