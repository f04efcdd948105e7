-- What `tracker match` learned from the linked documents matched before a time: each term's document frequency,
-- in the order the terms first appeared. A run starts from it instead of reading every earlier document again.
-- A cache: a run checks it against the documents it stands for (their number and fingerprint) and counts them
-- again when they differ; `tracker load` then `tracker match` rebuild it like everything else.
create table if not exists match_term_counts (
    term_order integer not null,  -- first appearance: the matcher numbers terms in this order
    term       varchar not null,
    df         integer not null   -- in how many of the documents it appears
);

create table if not exists match_count_state (
    counted_before   timestamptz not null,  -- the counts are of the linked documents matched before this time
    n_docs           bigint not null,        -- how many documents that is
    docs_fingerprint ubigint not null,       -- bit_xor of a hash of each one's id, time, kind, region, title and body
    official_regions varchar[] not null      -- the regions of their official sources, in order of first appearance
);
