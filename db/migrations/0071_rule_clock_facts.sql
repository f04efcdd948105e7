-- The rule clocks of every event, responsible source and applicable rule without their judgement at as_of
-- (views/07_event_rule_status.sql, event_rule_clocks_live), stored: the event list's rule summary, the overview's open
-- clocks, the scorecards and the alerts read every event's clocks, which took seconds to compute at 1 M documents.
-- event_rule_status judges the stored rows at as_of on every query (pending, missed and an ongoing outage change with
-- it). Rebuilt by db.refresh_analysis when its inputs change (refresh/rule_facts_*.sql).
create table if not exists event_rule_clock_facts (
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
    ongoing_outage     boolean not null,   -- an outage still running began before the deadline
    primary key (event_id, source_id, rule_id)
);
