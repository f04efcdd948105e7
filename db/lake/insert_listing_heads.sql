insert into lake.lake_listing_heads (source_id, page_url, content_sha, file_name, line)
select source_id, page_url, content_sha, file_name, line from lake_staged_listing_heads;
