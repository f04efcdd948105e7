-- The two largest stored fact tables without their primary keys: a refresh by key (db/facts.py) deletes an event's
-- clocks and responsible sources and inserts them again in one transaction, and re-inserting a key deleted in the same
-- transaction cost about 50 µs a row against the index (3.7 s for the 66,000 clocks of 1,500 events at 10 M documents,
-- 0.1 s without it). No query looks them up by the key; the definitions (event_rule_clocks_of,
-- event_responsible_sources_of) give one row per key. The clocks keep their clock_start order (migration 0078).
create table event_rule_clock_facts_unkeyed (
    event_id           varchar not null,
    source_id          varchar not null,
    role               varchar,
    rule_id            varchar not null,
    document           varchar,
    obligation         varchar,
    severity           varchar,
    clock_hours        double,
    effective_from     timestamptz,
    effective_to       timestamptz,
    clock_start        timestamptz,
    deadline           timestamptz,
    responded          boolean not null,
    response_earliest  timestamptz,
    response_latest    timestamptz,
    outage_closed      boolean not null,   -- an outage that has ended overlapped the clock
    ongoing_outage     boolean not null    -- an outage still running began before the deadline
);
insert into event_rule_clock_facts_unkeyed select * from event_rule_clock_facts order by clock_start, event_id;
drop table event_rule_clock_facts;
alter table event_rule_clock_facts_unkeyed rename to event_rule_clock_facts;

create table event_responsible_source_facts_unkeyed (
    event_id       varchar not null,
    source_id      varchar not null,
    channel        varchar,
    level          varchar,
    source_region  varchar,
    event_region   varchar,
    role           varchar
);
insert into event_responsible_source_facts_unkeyed select * from event_responsible_source_facts;
drop table event_responsible_source_facts;
alter table event_responsible_source_facts_unkeyed rename to event_responsible_source_facts;
