insert into lake.lake_documents (doc_key, source_id, url, first_seen_at, record, file_name, line)
select doc_key, source_id, url, first_seen_at, record, file_name, line from lake_staged_documents;
