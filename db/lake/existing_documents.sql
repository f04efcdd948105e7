-- Documents of one source already in the lake among a landing file's document keys.
select d.doc_key, d.first_seen_at, d.file_name
from lake.lake_documents d join lake_staged_keys k using (doc_key)
where d.source_id = $source_id;
