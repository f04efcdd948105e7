insert into lake.lake_captures (doc_key, source_id, url, seen_at, seen_raw, file_name, line, owner_file)
select doc_key, source_id, url, seen_at, seen_raw, file_name, line, owner_file from lake_staged_captures;
