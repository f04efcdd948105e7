-- Non-article records of the landing files being exported.
select file_name, line, record from lake.lake_records
where file_name in (select file_name from lake_export_files);
