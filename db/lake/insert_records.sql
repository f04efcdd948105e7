insert into lake.lake_records (file_name, line, record_type, source_id, url, "at", record)
select file_name, line, record_type, source_id, url, "at", record from lake_staged_records;
