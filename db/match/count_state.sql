-- The stored term counts' bookkeeping: what they stand for (at most one row).
select counted_before, n_docs, docs_fingerprint, official_regions from match_count_state;
