-- More stored event facts, rebuilt by db.refresh_analysis together with event_source_facts:
--   event_sources             every (event, source) with a linked document, timed or not (event_region_list)
--   event_keyword_matches     the severity keywords found in an event's label or document titles (event_severities)
create table if not exists event_sources (
    event_id   varchar not null,
    source_id  varchar not null,
    primary key (event_id, source_id)
);

create table if not exists event_keyword_matches (
    event_id  varchar not null,
    keyword   varchar not null,
    primary key (event_id, keyword)
);
