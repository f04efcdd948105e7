insert into quarantine
    (quarantine_id, run_id, source_id, url, stage, error, quarantined_at, raw_sha256, record, file_name)
select quarantine_id, run_id, source_id, url, stage, error, quarantined_at, raw_sha256, record, file_name
from staged_quarantine
on conflict do nothing;
