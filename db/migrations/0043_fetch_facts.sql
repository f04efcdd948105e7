-- Fetch facts, rebuilt by db.refresh_analysis when listings or fetch_errors changed (views/05, views/11 define them):
create table if not exists source_outage_facts (
    source_id        varchar not null,
    outage_start     timestamptz not null,
    outage_end       timestamptz,
    last_failure_at  timestamptz not null,
    n_failures       bigint not null,
    ongoing          boolean not null
);

create table if not exists source_fetch_week_facts (
    source_id   varchar not null,
    week_start  timestamptz not null,
    n_fetches   bigint not null,
    n_failed    bigint not null,
    primary key (source_id, week_start)
);
