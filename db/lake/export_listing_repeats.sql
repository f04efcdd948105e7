-- Repeated list-page fetches of the landing files being exported, with the stored listing whose list they repeat.
select r.file_name, r.line, r.fetched_raw, l.record
from lake.lake_listing_repeats r
join lake.lake_records l on l.file_name = r.same_file and l.line = r.same_line
where r.file_name in (select file_name from lake_export_files);
