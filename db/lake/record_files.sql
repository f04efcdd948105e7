insert into lake.lake_files (file_name, sha256, source_id, shard, shards, n_records, n_documents_new, n_duplicates,
                             loaded_by, loaded_at)
select file_name, sha256, source_id, shard, shards, n_records, n_documents_new, n_duplicates, loaded_by, loaded_at
from lake_staged_ledger;
