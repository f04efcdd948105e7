-- Lists the lake already holds for a batch's list pages: a fetch that lists the same is stored as a repeat.
select h.source_id, h.page_url, h.content_sha, h.file_name, h.line
from lake.lake_listing_heads h
join lake_staged_listing_keys k on k.source_id = h.source_id and k.page_url = h.page_url
                                and k.content_sha = h.content_sha;
