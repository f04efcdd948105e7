-- Per event and source: the facts of its timed documents on the event (document_times), stored so that the event
-- views do not aggregate every document on every query. db.refresh_analysis rebuilds it when its inputs changed
-- (analysis_refresh holds their fingerprint); views/01_document_times.sql defines it (event_source_facts_live).
create table if not exists event_source_facts (
    event_id              varchar not null,
    source_id             varchar not null,
    kind                  varchar,
    channel               varchar,
    n_docs                bigint not null,
    n_backdated           bigint not null,
    first_at              timestamptz,   -- min(at_start)
    min_at_end            timestamptz,   -- min(at_end)
    first_doc_id          varchar,       -- the first post (earliest at_start, then doc_id) and its fields
    first_at_end          timestamptz,
    first_precision       varchar,
    declared_source       varchar,
    declared_source_kind  varchar,
    first_backdated       boolean,
    first_seen_before_claimed boolean,
    all_earliest_known    boolean,       -- bool_and(earliest_at is not null)
    min_earliest_at       timestamptz,
    min_latest_at         timestamptz,
    any_backdated         boolean,
    primary key (event_id, source_id)
);

create table if not exists analysis_refresh (
    name          varchar primary key,
    fingerprint   varchar not null,
    refreshed_at  timestamptz not null
);
