-- A fingerprint of what the stored responsible sources (event_responsible_source_facts) read besides the event facts
-- (event_sources) and the source registry: the regions the match stage gave events. A different value means some are
-- stale; the digests (refresh/input_digests.sql) tell which.
select count(*) || '-' || coalesce(sum(hash(event_id, region)), 0) as fingerprint
from event_regions;
