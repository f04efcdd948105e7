-- The DuckLake tables loaders write (catalog alias `lake`). Idempotent; every loader runs it on connect.
create table if not exists lake.lake_files (
    file_name varchar,       -- path under the landing folder: day=YYYY-MM-DD/source=<id>/<run>-<worker>-<NNNN>.parquet
    sha256 varchar,          -- of the file's bytes
    source_id varchar,       -- from the file's source=<id> folder; decides the shard
    shard integer,
    shards integer,
    n_records bigint,
    n_documents_new bigint,
    n_duplicates bigint,
    loaded_by varchar,       -- host:pid of the loader
    loaded_at timestamptz
);
create table if not exists lake.lake_records (
    file_name varchar,
    line bigint,             -- row number in the landing file
    record_type varchar,
    source_id varchar,
    url varchar,
    "at" varchar,
    record varchar           -- the landing record's JSON, as it came
);
create table if not exists lake.lake_documents (
    doc_key varchar,         -- hash of source_id and canonical URL (the analysis file's doc_id)
    source_id varchar,
    url varchar,
    first_seen_at timestamptz,
    record varchar,          -- JSON of the earliest capture
    file_name varchar,       -- the landing file of that capture
    line bigint
);
create table if not exists lake.lake_captures (
    doc_key varchar,
    source_id varchar,
    url varchar,
    seen_at timestamptz,
    seen_raw varchar,        -- first_seen_at as the record wrote it
    file_name varchar,
    line bigint,
    owner_file varchar       -- lake_documents.file_name holding the document's record when this capture was loaded
);
-- Change-only listings: a list page's fetch is stored whole (in lake_records) only when it lists something the lake
-- has not stored for that page; otherwise as a repeat naming the stored listing it equals (all but fetched_at).
create table if not exists lake.lake_listing_heads (
    source_id varchar,
    page_url varchar,
    content_sha varchar,     -- SHA-256 of the listing record without fetched_at
    file_name varchar,       -- where the listing is stored whole (lake_records)
    line bigint
);
create table if not exists lake.lake_listing_repeats (
    file_name varchar,
    line bigint,
    source_id varchar,
    page_url varchar,
    fetched_raw varchar,     -- fetched_at as the record wrote it
    same_file varchar,       -- the stored listing it repeats (lake_records)
    same_line bigint
);
