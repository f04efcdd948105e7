select file_name, sha256, source_id from lake.lake_files;
