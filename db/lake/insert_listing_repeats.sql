insert into lake.lake_listing_repeats (file_name, line, source_id, page_url, fetched_raw, same_file, same_line)
select file_name, line, source_id, page_url, fetched_raw, same_file, same_line from lake_staged_listing_repeats;
