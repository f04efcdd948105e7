-- Nothing lost, and source health: quarantined items, one outcome per item per run, one poll row per source per run.

create table if not exists quarantine (
    quarantine_id   varchar primary key,      -- hash of run, source, url, stage and error: loading twice adds nothing
    run_id          varchar not null,
    source_id       varchar not null,
    url             varchar,
    stage           varchar not null,         -- extract | pipeline | load
    error           varchar not null,
    quarantined_at  timestamptz not null,
    raw_sha256      varchar,                  -- page bytes in the raw store, when there are some
    record          json,                     -- the item as far as it got
    file_name       varchar not null,         -- the landing file it came from
    replayed_at     timestamptz,              -- set by `tracker replay`
    replay_result   varchar                   -- stored | duplicate | quarantined
);

create table if not exists item_outcomes (
    run_id       varchar not null,
    source_id    varchar not null,
    url          varchar not null,
    doc_id       varchar,
    outcome      varchar not null,            -- stored | duplicate | quarantined | filtered
    reason       varchar,
    recorded_at  timestamptz not null,
    primary key (run_id, source_id, url)
);

create table if not exists source_polls (
    run_id        varchar not null,
    source_id     varchar not null,
    polled_at     timestamptz not null,
    entry_ok      integer not null,           -- list pages and feeds fetched and usable
    entry_failed  integer not null,
    blocked       integer not null,           -- 401/403/451, robots.txt, refused address
    fetch_failed  integer not null,
    articles      integer not null,
    quarantined   integer not null,
    error         varchar,
    primary key (run_id, source_id)
);
