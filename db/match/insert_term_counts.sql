-- Store document frequencies from the frame registered as new_term_counts (term_order, term, df).
insert into match_term_counts (term_order, term, df)
select term_order, term, df from new_term_counts;
