select file_name, line, doc_key, source_id, seen_raw, owner_file from lake.lake_captures
where file_name in (select file_name from lake_export_files);
