-- Forget the stored term counts (before storing new ones).
delete from match_term_counts;
delete from match_count_state;
