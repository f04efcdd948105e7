-- The official sources responsible for each event (views/04_event_regions.sql, event_responsible_sources_live),
-- stored: the rule clocks and silent events read them for every event. Rebuilt by db.refresh_analysis when the
-- event's sources, its regions or the sources' regions change (refresh/responsible_facts_*.sql).
create table if not exists event_responsible_source_facts (
    event_id       varchar not null,
    source_id      varchar not null,
    channel        varchar,
    level          varchar,
    source_region  varchar,
    event_region   varchar,
    role           varchar,
    primary key (event_id, source_id)
);
