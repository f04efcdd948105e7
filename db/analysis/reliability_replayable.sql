-- Quarantined items not yet replayed, oldest first.
select quarantine_id, run_id, source_id, url, stage, error, raw_sha256, record, quarantined_at
from quarantine
where replayed_at is null
order by quarantined_at, quarantine_id;
