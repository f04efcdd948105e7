-- Sources, documents, what each crawl saw, and which landing files were loaded.

create table if not exists sources (
    source_id   varchar primary key,
    name        varchar not null,
    kind        varchar not null,          -- official | media
    channel     varchar not null,          -- website | weibo | wechat | press | news
    region      varchar,
    level       varchar,                   -- national | province | city | county
    timezone    varchar not null default 'Asia/Shanghai',
    list_urls   varchar[],
    feeds       varchar[],
    updated_at  timestamptz not null default current_timestamp
);

create table if not exists documents (
    doc_id               varchar primary key,   -- sha256(source_id, url) prefix: stable across rebuilds
    source_id            varchar not null,
    url                  varchar not null,
    title                varchar not null,
    body                 varchar not null,
    published_at         timestamptz,
    published_precision  varchar,               -- second | minute | hour | day | month | year
    published_raw        varchar,
    published_flag       varchar,               -- future | before-web: kept, left out of timeliness
    written_at           timestamptz,           -- 成文日期, where the page has one
    declared_source      varchar,               -- normalised 来源 / ContentSource
    declared_source_kind varchar,               -- media | official | unknown
    first_seen_at        timestamptz not null,  -- our own clock; never overwritten with a later value
    last_seen_at         timestamptz not null,
    raw_sha256           varchar,               -- captured page bytes in the raw store
    via                  varchar not null,      -- list | feed | import
    found_on             varchar,
    encoding             varchar,
    methods              json
);

create table if not exists listings (
    source_id     varchar not null,
    page_url      varchar not null,
    fetched_at    timestamptz not null,
    article_urls  varchar[] not null,
    primary key (source_id, page_url, fetched_at)
);

create table if not exists fetch_errors (
    source_id   varchar not null,
    url         varchar not null,
    fetched_at  timestamptz not null,
    error       varchar not null,
    primary key (source_id, url, fetched_at)
);

create table if not exists loaded_files (
    sha256     varchar primary key,
    file_name  varchar not null,
    n_records  integer not null,
    loaded_at  timestamptz not null
);
