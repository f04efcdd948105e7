-- Captured articles. first_seen_at only ever moves earlier; content follows the newest capture.
insert into documents (doc_id, source_id, url, title, body, published_at, published_precision, published_raw,
                       published_flag, written_at, declared_source, declared_source_kind, first_seen_at, last_seen_at,
                       raw_sha256, via, found_on, encoding, methods)
select doc_id, source_id, url, title, body, published_at, published_precision, published_raw,
       published_flag, written_at, declared_source, declared_source_kind, first_seen_at, last_seen_at,
       raw_sha256, via, found_on, encoding, methods
from staged_documents
on conflict (doc_id) do update set
    title = case when excluded.first_seen_at > documents.last_seen_at then excluded.title else documents.title end,
    body = case when excluded.first_seen_at > documents.last_seen_at then excluded.body else documents.body end,
    published_at = case when excluded.first_seen_at > documents.last_seen_at and excluded.published_at is not null
                        then excluded.published_at else documents.published_at end,
    published_precision = case when excluded.first_seen_at > documents.last_seen_at and excluded.published_at is not null
                               then excluded.published_precision else documents.published_precision end,
    published_raw = case when excluded.first_seen_at > documents.last_seen_at and excluded.published_at is not null
                         then excluded.published_raw else documents.published_raw end,
    published_flag = case when excluded.first_seen_at > documents.last_seen_at and excluded.published_at is not null
                          then excluded.published_flag else documents.published_flag end,
    declared_source = coalesce(documents.declared_source, excluded.declared_source),
    declared_source_kind = coalesce(documents.declared_source_kind, excluded.declared_source_kind),
    raw_sha256 = coalesce(documents.raw_sha256, excluded.raw_sha256),
    first_seen_at = least(documents.first_seen_at, excluded.first_seen_at),
    last_seen_at = greatest(documents.last_seen_at, excluded.last_seen_at);
