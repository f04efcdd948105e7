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
create or replace view document_bounds as
with timed as (
    select
        d.doc_id,
        d.source_id,
        d.url,
        d.found_on,
        d.first_seen_at,
        d.published_precision,
        d.declared_source,
        d.declared_source_kind,
        d.published_at as claimed_start,
        case d.published_precision
            when 'second' then d.published_at + interval 1 second
            when 'hour'   then d.published_at + interval 1 hour
            when 'day'    then d.published_at + interval 1 day
            when 'month'  then d.published_at + interval 1 month
            when 'year'   then d.published_at + interval 1 year
            else d.published_at + interval 1 minute
        end as claimed_end
    from documents d
    where d.published_at is not null
      and d.published_flag is null
),
showing as (
    select
        source_id,
        page_url,
        fetched_at,
        article_urls,
        lag(fetched_at) over pages as prev_fetched_at,
        lag(article_urls) over pages as prev_urls
    from listings
    where len(article_urls) > 0
    window pages as (partition by source_id, page_url order by fetched_at)
),
-- The latest fetch of the post's list page before we first saw it; when that fetch already showed it (the
-- list page is fetched just before the article), the fetch before that one.
bounded as (
    select
        t.*,
        case
            when not list_contains(l.article_urls, t.url) then l.fetched_at
            when not list_contains(l.prev_urls, t.url) then l.prev_fetched_at
        end as absent_at
    from timed t
    asof left join showing l
      on l.source_id = t.source_id and l.page_url = t.found_on and t.first_seen_at > l.fetched_at
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
    from bounded
)
select * from final;

-- Each linked document with the interval its timestamp stands for: [at_start, at_end).
-- A date-only post lies somewhere in its day; flagged times (future, before the web) are left out.
-- earliest_at / latest_at narrow (or, for a backdated post, move) that interval by our observations.
create or replace view document_times as
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
from event_documents ed
join document_bounds b on b.doc_id = ed.doc_id
join sources s on s.source_id = b.source_id;

-- Every official document classified as 首发 (original), 转载媒体 (repost of media: declares a media outlet
-- as its source or copies an earlier media text) or 转载上级 (declares a higher-level government as its
-- source: a registered official source of a higher level or a region containing the poster's, or a
-- level-bearing name such as 江南省人民政府 when the poster is a city or county).
create or replace view official_post_classes as
with posts as (
    select
        d.doc_id,
        d.source_id,
        s.region,
        s.level,
        d.declared_source,
        d.declared_source_kind,
        coalesce(case when d.published_flag is null then d.published_at end, d.first_seen_at) as posted_at
    from documents d
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
