-- Each event's silent-event window without its judgement at as_of (views/10_silent_events.sql, silent_windows_live),
-- stored: the overview's silent events computed every event's window against its responsible sources (0.7 s at 10 M
-- documents, whatever the week). silent_events judges the stored windows at as_of. Rebuilt by db.refresh_analysis
-- with the rule clocks (the same inputs: refresh/rule_facts_*.sql).
create table if not exists silent_window_facts (
    event_id                varchar primary key,
    first_media_at          timestamptz not null,
    deadline                timestamptz not null,
    n_media                 bigint not null,
    n_media_sources         bigint not null,
    n_responsible           bigint not null,
    responsible_source_ids  varchar[] not null,
    first_response_at       timestamptz,
    any_in_window           boolean,         -- a responsible post whose earliest possible time is in the window
    outage_closed           boolean not null, -- an outage that has ended overlapped the window
    ongoing_outage          boolean not null  -- an outage still running began before the deadline
);
-- The next db.refresh_analysis fills it.
delete from analysis_refresh where name = 'rule_facts';
