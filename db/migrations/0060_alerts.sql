-- Alerts while a rule clock runs (`tracker alerts`): what was decided to send, once per event, source, rule and kind,
-- and the outbox of its deliveries, one row per channel, kept until the channel accepted it.
create table if not exists alerts (
    alert_id    varchar primary key,            -- a hash of event_id, source_id, rule_id and kind
    event_id    varchar not null,
    source_id   varchar not null,               -- the responsible official source
    rule_id     varchar not null,
    kind        varchar not null,               -- due_soon | missed | responded
    deadline    timestamptz not null,
    created_at  timestamptz not null,
    title       varchar not null,               -- the message, as composed when the alert was decided
    body        varchar not null,
    facts       varchar not null,               -- the same facts as JSON fields (the JSON webhook sends them)
    unique (event_id, source_id, rule_id, kind)
);

create table if not exists alert_outbox (
    alert_id         varchar not null,
    channel          varchar not null,          -- a [channel.<name>] of alerts.toml
    status           varchar not null,          -- pending | sending | sent
    attempts         integer not null default 0,
    next_attempt_at  timestamptz,
    claimed_at       timestamptz,               -- when the last attempt began (status sending until its outcome is kept)
    sent_at          timestamptz,
    last_error       varchar,
    resent_after_interruption boolean not null default false,
    primary key (alert_id, channel)
);
