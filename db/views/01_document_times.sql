-- Document-level views: what each publish time claims, what our own observations allow, and what kind of
-- post an official document is. The event views (02, 03, ...) build on these.

-- Every timed document (flagged times left out) with the interval its claimed time stands for, bounded by
-- our observations:
--   * it cannot be later than first_seen_at;
--   * it cannot be earlier than absent_at: the latest fetch of the list page it was found on
--     (documents.found_on) made before we first saw it, which showed other articles but not it (when that
--     fetch already listed it, the one before). Other pages of the source are no evidence: a column's
--     second page or another column never shows a new article.
-- earliest_at / latest_at combine both. When they conflict the observation wins: a post claiming a time
-- before absent_at is backdated ([absent_at, first_seen_at]); a post seen before its claimed time lies in
-- [absent_at, first_seen_at] (earliest_at NULL: no lower bound).
-- absent_at is stored on documents (migration 0040: computed at load time and by db.refresh_analysis);
-- document_bounds_pending computes it for the documents whose stored value is missing or stale
-- (bounds_seen_at differs from first_seen_at), so the views are right even before the next refresh.
create or replace view document_bounds_pending as
-- The rows are found by a scan of the two times alone; their other columns are read for those rows only (by rowid),
-- so the usual case (nothing pending) does not read every document's url and found_on.
with pending as (
    select doc_id, source_id, url, found_on, first_seen_at
    from documents
    where rowid in (select rowid from documents where bounds_seen_at is distinct from first_seen_at)
),
pending_pages as (
    select distinct source_id, found_on as page_url
    from pending
    where found_on is not null
),
showing as (
    select
        l.source_id,
        l.page_url,
        l.fetched_at,
        l.article_urls,
        lag(l.fetched_at) over pages as prev_fetched_at,
        lag(l.article_urls) over pages as prev_urls
    from listings l
    semi join pending_pages p on p.source_id = l.source_id and p.page_url = l.page_url
    where len(l.article_urls) > 0
    window pages as (partition by l.source_id, l.page_url order by l.fetched_at)
)
-- The latest fetch of the post's list page before we first saw it; when that fetch already showed it (the
-- list page is fetched just before the article), the fetch before that one.
select
    p.doc_id,
    p.first_seen_at,
    case
        when not list_contains(l.article_urls, p.url) then l.fetched_at
        when not list_contains(l.prev_urls, p.url) then l.prev_fetched_at
    end as absent_at
from pending p
asof left join showing l
  on l.source_id = p.source_id and l.page_url = p.found_on and p.first_seen_at > l.fetched_at;

-- List pages whose fetches differ from what the stored bounds reflect (table document_bound_pages): listings
-- written by something other than the loader. db.refresh_analysis computes their documents' bounds again.
create or replace view document_bound_pages_changed as
with current_pages as (
    select source_id, page_url, count(*) as n_fetches, min(fetched_at) as first_fetched_at,
           max(fetched_at) as last_fetched_at
    from listings
    group by source_id, page_url
)
select
    coalesce(c.source_id, s.source_id) as source_id,
    coalesce(c.page_url, s.page_url) as page_url,
    c.n_fetches,
    c.first_fetched_at,
    c.last_fetched_at
from current_pages c
full join document_bound_pages s on s.source_id = c.source_id and s.page_url = c.page_url
where c.n_fetches is distinct from s.n_fetches
   or c.first_fetched_at is distinct from s.first_fetched_at
   or c.last_fetched_at is distinct from s.last_fetched_at;

-- Each fact stored by db.refresh_analysis is defined once, as a table macro <fact>_of(scoped); the view <fact>_live is
-- <fact>_of(false), every key. Scoped, it reads only the events in refresh_events, their links (refresh_links) and the
-- documents in refresh_documents, which a refresh fills inside its transaction (db/facts.py): the documents and links
-- come from scoped_documents / scoped_links, whose other branch is empty and costs nothing.
create or replace macro scoped_documents(scoped) as table
select doc_id, source_id, title, published_at, published_precision, published_flag, declared_source,
       declared_source_kind, first_seen_at, absent_at, bounds_seen_at
from documents
where not scoped
union all
select doc_id, source_id, title, published_at, published_precision, published_flag, declared_source,
       declared_source_kind, first_seen_at, absent_at, bounds_seen_at
from refresh_documents
where scoped;

create or replace macro scoped_links(scoped) as table
select doc_id, event_id from event_documents where not scoped
union all
select doc_id, event_id from refresh_links where scoped;

-- document_bounds_of(true): the documents in refresh_documents only.
create or replace macro document_bounds_of(scoped) as table
-- absent_at: the stored one when it is current (bounds_seen_at = first_seen_at), else document_bounds_pending's
-- (one row per document whose stored value is missing or stale).
with bounded as (
    select
        d.doc_id,
        d.source_id,
        d.first_seen_at,
        d.published_at,
        d.published_precision,
        d.declared_source,
        d.declared_source_kind,
        case when d.bounds_seen_at = d.first_seen_at then d.absent_at else p.absent_at end as absent_at
    from scoped_documents(scoped) d
    left join document_bounds_pending p on p.doc_id = d.doc_id
    where d.published_at is not null
      and d.published_flag is null
      and (d.bounds_seen_at = d.first_seen_at or p.doc_id is not null)
),
timed as (
    select
        doc_id,
        source_id,
        first_seen_at,
        published_precision,
        declared_source,
        declared_source_kind,
        absent_at,
        published_at as claimed_start,
        case published_precision
            when 'second' then published_at + interval 1 second
            when 'hour'   then published_at + interval 1 hour
            when 'day'    then published_at + interval 1 day
            when 'month'  then published_at + interval 1 month
            when 'year'   then published_at + interval 1 year
            else published_at + interval 1 minute
        end as claimed_end
    from bounded
),
final as (
    select
        doc_id,
        source_id,
        claimed_start,
        claimed_end,
        first_seen_at,
        absent_at,
        case
            when first_seen_at < claimed_start then absent_at
            else greatest(claimed_start, coalesce(absent_at, claimed_start))
        end as earliest_at,
        case
            when claimed_end <= absent_at then first_seen_at
            else least(claimed_end, first_seen_at)
        end as latest_at,
        coalesce(claimed_end <= absent_at, false) as backdated,
        first_seen_at < claimed_start as seen_before_claimed,
        published_precision,
        declared_source,
        declared_source_kind
    from timed
)
select * from final;

create or replace view document_bounds as
from document_bounds_of(false);

-- Each linked document with the interval its timestamp stands for: [at_start, at_end).
-- A date-only post lies somewhere in its day; flagged times (future, before the web) are left out.
-- earliest_at / latest_at narrow (or, for a backdated post, move) that interval by our observations.
create or replace macro document_times_of(scoped) as table
select
    ed.event_id,
    b.doc_id,
    b.source_id,
    s.kind,
    s.channel,
    b.claimed_start as at_start,
    b.claimed_end as at_end,
    b.published_precision,
    b.declared_source,
    b.declared_source_kind,
    b.first_seen_at,
    b.absent_at,
    b.earliest_at,
    b.latest_at,
    b.backdated,
    b.seen_before_claimed
from scoped_links(scoped) ed
join document_bounds_of(scoped) b on b.doc_id = ed.doc_id
join sources s on s.source_id = b.source_id;

create or replace view document_times as
from document_times_of(false);

-- The day (epoch_us // one day) of a post's time: its claimed publish time unless flagged, else when we first saw
-- it, as official_post_classes dates it. db/facts.py refreshes the stored facts of a source's weeks by these days.
create or replace macro posted_day(published_at, published_flag, first_seen_at) as
    epoch_us(coalesce(case when published_flag is null then published_at end, first_seen_at)) // 86400000000;

-- Every official document classified as 首发 (original), 转载媒体 (repost of media: declares a media outlet
-- as its source or copies an earlier media text) or 转载上级 (declares a higher-level government as its
-- source: a registered official source of a higher level or a region containing the poster's, or a
-- level-bearing name such as 江南省人民政府 when the poster is a city or county).
create or replace macro official_post_classes_of(scoped) as table
with posts as (
    select
        d.doc_id,
        d.source_id,
        s.region,
        s.level,
        d.declared_source,
        d.declared_source_kind,
        coalesce(case when d.published_flag is null then d.published_at end, d.first_seen_at) as posted_at
    from scoped_documents(scoped) d
    join sources s on s.source_id = d.source_id
    where s.kind = 'official'
),
copies_media as (
    select distinct c.doc_id
    from document_copies c
    join documents m on m.doc_id = c.copied_doc_id
    join sources ms on ms.source_id = m.source_id
    where ms.kind = 'media'
),
registry as (
    select name, min(kind) as kind, min(level) as level, min(region) as region
    from sources
    group by name
),
named as (
    select
        p.*,
        r.kind as registry_kind,
        r.region as declared_region,
        case when p.declared_source is not null then coalesce(
            r.level,
            case
                when regexp_matches(p.declared_source, '^(国务院|国家|中共中央|中央|中华人民共和国)') then 'national'
                when regexp_matches(p.declared_source, '^(北京市|上海市|天津市|重庆市)')
                     and not regexp_matches(replace(p.declared_source, '自治区', ''), '^..市.*(区|县)') then 'province'
                when regexp_matches(replace(p.declared_source, '自治区', ''), '(县|区|旗)') then 'county'
                when regexp_matches(p.declared_source, '(市|州|盟)') then 'city'
                when regexp_matches(p.declared_source, '(省|自治区)') then 'province'
            end
        ) end as declared_level
    from posts p
    left join registry r on r.name = p.declared_source
),
ranked as (
    select
        *,
        case level when 'national' then 0 when 'province' then 1 when 'city' then 2 when 'county' then 3 end
            as poster_rank,
        case declared_level when 'national' then 0 when 'province' then 1 when 'city' then 2 when 'county' then 3 end
            as declared_rank
    from named
),
final as (
    select
        r.doc_id,
        r.source_id,
        r.posted_at,
        r.declared_source,
        r.declared_level,
        cm.doc_id is not null as copies_media_text,
        case
            when coalesce(r.declared_source_kind = 'media', false)
                 or coalesce(r.registry_kind = 'media', false)
                 or cm.doc_id is not null then '转载媒体'
            when coalesce(r.registry_kind, r.declared_source_kind) = 'official'
                 and (r.declared_rank < r.poster_rank
                      or (r.declared_region <> r.region and starts_with(r.region, r.declared_region))) then '转载上级'
            else '首发'
        end as repost_class
    from ranked r
    left join copies_media cm on cm.doc_id = r.doc_id
)
select * from final;

create or replace view official_post_classes as
from official_post_classes_of(false);

-- Per event and source, the facts of its timed documents on the event, with the repost class of its first post
-- (official_post_classes; NULL for a media source); the table event_source_facts stores this (db.refresh_analysis)
-- and the event views read the table, so no query classifies every official document.
create or replace macro event_source_facts_of(scoped) as table
with facts as (
    select
        event_id,
        source_id,
        any_value(kind) as kind,
        any_value(channel) as channel,
        count(*) as n_docs,
        count(*) filter (where backdated) as n_backdated,
        min(at_start) as first_at,
        min(at_end) as min_at_end,
        arg_min(doc_id, (at_start, doc_id)) as first_doc_id,
        arg_min(at_end, (at_start, doc_id)) as first_at_end,
        arg_min(published_precision, (at_start, doc_id)) as first_precision,
        arg_min(declared_source, (at_start, doc_id)) as declared_source,
        arg_min(declared_source_kind, (at_start, doc_id)) as declared_source_kind,
        arg_min(backdated, (at_start, doc_id)) as first_backdated,
        arg_min(seen_before_claimed, (at_start, doc_id)) as first_seen_before_claimed,
        bool_and(earliest_at is not null) as all_earliest_known,
        min(earliest_at) as min_earliest_at,
        min(latest_at) as min_latest_at,
        bool_or(backdated) as any_backdated
    from document_times_of(scoped)
    group by event_id, source_id
)
select f.*, c.repost_class as first_repost_class, c.copies_media_text as first_copies_media_text
from facts f
left join official_post_classes_of(scoped) c on c.doc_id = f.first_doc_id;

create or replace view event_source_facts_live as
from event_source_facts_of(false);
