-- Stored facts refreshed by key (db/facts.py): after a write, db.refresh_analysis recomputes only the events and the
-- source weeks whose inputs changed, found by comparing a digest of each key's inputs with the one stored here at the
-- last refresh. Rebuilding every stored fact took 1.5 min (event facts) and 2.5 min (rule clocks) at 10 M documents
-- after any match run.

-- Per event: a hash of everything its stored facts read (refresh/event_digests.sql).
create table if not exists event_input_digests (
    event_id  varchar not null,
    digest    ubigint not null
);

-- Per source and day (epoch_us // 86,400,000,000 of the post's time): a hash of its documents' fields the stored
-- source-week facts read (refresh/source_day_digests.sql).
create table if not exists source_day_digests (
    source_id  varchar not null,
    day        bigint not null,
    digest     ubigint not null
);

-- The keys a refresh recomputes, filled and emptied inside its transaction (empty to every other reader): the events
-- whose facts are recomputed, their links, and the documents the scoped definitions (<fact>_of(true), db/views) read,
-- with the columns they read (not the body), so that each reads these rows instead of scanning every document.
create table if not exists refresh_events (
    event_id  varchar not null
);

create table if not exists refresh_links (
    doc_id    varchar not null,
    event_id  varchar not null
);

create table if not exists refresh_documents (
    doc_id                varchar not null,
    source_id             varchar not null,
    title                 varchar not null,
    published_at          timestamptz,
    published_precision   varchar,
    published_flag        varchar,
    declared_source       varchar,
    declared_source_kind  varchar,
    first_seen_at         timestamptz not null,
    absent_at             timestamptz,
    bounds_seen_at        timestamptz
);
