-- Events and the links from documents to them. One event per document; the matcher writes links once.

create table if not exists events (
    event_id    varchar primary key,           -- "ev-" + the seed document's id
    label       varchar not null,
    created_at  timestamptz not null
);

create table if not exists event_documents (
    doc_id          varchar primary key,
    event_id        varchar not null,
    score           double not null,
    matched_doc_id  varchar,                    -- the document it was linked through
    shared_terms    varchar[],
    linked_at       timestamptz not null
);

-- An official document whose text copies an earlier media document.
create table if not exists document_copies (
    doc_id         varchar not null,
    copied_doc_id  varchar not null,
    similarity     double not null,
    primary key (doc_id, copied_doc_id)
);
