-- Documents first seen at or after $since, per source.
select source_id, count(*)::integer as n from documents where first_seen_at >= $since group by all;
