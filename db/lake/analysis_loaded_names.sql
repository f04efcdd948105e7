-- Landing files the analysis DuckDB file has loaded (exported lake files are recorded here by name).
select file_name from loaded_files;
