-- The stored document frequencies, terms in order of first appearance.
select term, df from match_term_counts order by term_order;
