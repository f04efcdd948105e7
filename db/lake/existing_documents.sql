-- Documents already in the lake among a batch's document keys.
select d.doc_key, d.first_seen_at, d.file_name
from lake.lake_documents d join lake_staged_keys k on k.doc_key = d.doc_key and k.source_id = d.source_id;
