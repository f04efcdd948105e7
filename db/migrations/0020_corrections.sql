-- Analyst corrections from the dashboard: append-only, the latest row per event and action wins.
-- `tracker match` must honour them: a rejected event is not counted, a merge moves its documents into
-- target_event_id, a split moves doc_ids out into a new event, and severity overrides any suggestion.
create table if not exists corrections (
    correction_id    varchar primary key,        -- "cor-" + a hash of the row's fields and time
    action           varchar not null,           -- confirm | reject | merge | split | severity
    event_id         varchar not null,
    target_event_id  varchar,                    -- merge: the event that absorbs event_id
    doc_ids          varchar[],                  -- split: the documents moved out into a new event
    severity         varchar,                    -- severity: especially_major | major | large | general
    note             varchar,
    analyst          varchar,
    created_at       timestamptz not null
);
