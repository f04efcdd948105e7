-- The digests of the stored facts' inputs as they are now, per key (db/facts.py compares them with the stored ones):
-- current_event_digests: per event, its label, its links and their documents' fields (those of
--   refresh/event_facts_fingerprint.sql) with the copies of other documents' text they hold, its regions
--   (event_regions), the analyst's severity and the press events linked to it (press_event_links, with the held time
--   and region the rule clocks read);
-- current_source_day_digests: per source and day of the post's time (posted_day), its documents' fields that the
--   repost classes and the latest posts per week read.
-- Everything else the facts read is in refresh/global_inputs_fingerprint.sql (any change: a full rebuild), or is the
-- fetches (refresh/fetch_facts_update.sql).
create or replace temp table copy_hashes as
select c.doc_id, count(*) as n, sum(hash(c.copied_doc_id, m.source_id)) as h
from document_copies c
left join documents m on m.doc_id = c.copied_doc_id
group by c.doc_id;

create or replace temp table current_event_digests as
with links as (
    select ed.event_id, count(*) as n, sum(hash(ed.doc_id, d.h, c.n, c.h)) as h
    from event_documents ed
    left join (
        select doc_id, hash(source_id, title, published_at, published_precision, published_flag, first_seen_at,
                            absent_at, bounds_seen_at, declared_source, declared_source_kind) as h
        from documents
    ) d on d.doc_id = ed.doc_id
    left join copy_hashes c on c.doc_id = ed.doc_id
    group by ed.event_id
),
regions as (
    select event_id, count(*) as n, sum(hash(region)) as h
    from event_regions
    group by event_id
),
press as (
    select l.event_id, count(*) as n, sum(hash(l.press_id, p.held_at, s.region)) as h
    from press_event_links l
    join press_events p on p.press_id = l.press_id
    join sources s on s.source_id = p.source_id
    where l.event_id is not null
    group by l.event_id
),
keys as (
    select event_id from events
    union select event_id from links
    union select event_id from regions
    union select event_id from event_severity
    union select event_id from press
)
select k.event_id, hash(e.label, l.n, l.h, r.n, r.h, v.severity, p.n, p.h) as digest
from keys k
left join events e on e.event_id = k.event_id
left join links l on l.event_id = k.event_id
left join regions r on r.event_id = k.event_id
left join event_severity v on v.event_id = k.event_id
left join press p on p.event_id = k.event_id;

create or replace temp table current_source_day_digests as
select
    d.source_id,
    posted_day(d.published_at, d.published_flag, d.first_seen_at) as day,
    hash(count(*), sum(hash(d.doc_id, d.published_at, d.published_flag, d.first_seen_at, d.declared_source,
                            d.declared_source_kind, c.n, c.h))) as digest
from documents d
left join copy_hashes c on c.doc_id = d.doc_id
group by all;
