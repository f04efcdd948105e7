-- Events in scope with who spoke first. An event belongs to the week of its first timed document and to a region
-- when any of its sources' regions starts with $region. All filters are optional (NULL: no filter).
-- $words: every word must appear in the label or in a document title (NULL or empty: no filter); $who: codes as in
-- `who` below. $page NULL: every event in scope, in first-time order; N: the newest N (first time descending, then
-- event_id), the page the dashboard lists. n_in_scope counts every event in scope either way.
-- Read from event_facts (event_timeliness stored with each event's week, first posts' precisions and
-- reposted responses), so the week's bounds reach the stored rows.
with in_region as (
    select event_id from event_source_regions where starts_with(region, $region::varchar)
),
-- When searching: the events whose stored text (event_search_text: the label and every document title, lower-cased)
-- contains every word, in one scan of one row per event.
searched as (
    select event_id
    from event_search_text
    where coalesce(len($words::varchar[]), 0) > 0
      and list_bool_and([coalesce(contains(text, lower(w)), false) for w in $words::varchar[]])
),
classified as (
    select
        t.event_id,
        t.label,
        t.first_at,
        t.first_media_at,
        t.first_media_precision,
        t.first_official_at,
        t.first_official_precision,
        t.lag_hours::double as lag_hours,
        t.official_first,
        t.n_media,
        t.n_official,
        t.n_reposts,
        case
            when t.n_official = 0 then 'no_official'
            when t.n_media = 0 then 'no_media'
            when t.official_first then 'official_first'
            when not t.official_first then 'media_first'
            else 'undecided'
        end as who
    from event_facts t
    where coalesce(len($words::varchar[]), 0) = 0 or t.event_id in (select event_id from searched)
),
scoped as (
    select *
    from classified
    where ($week_start::timestamptz is null or first_at >= $week_start::timestamptz)
      and ($week_end::timestamptz is null or first_at < $week_end::timestamptz)
      and ($region::varchar is null or event_id in (select event_id from in_region))
      and ($who::varchar[] is null or list_contains($who::varchar[], who))
),
final as (
    select *, count(*) over () as n_in_scope
    from scoped
)
select * from final
order by case when $page::integer is not null then first_at end desc nulls last, first_at nulls last, event_id
limit $page::integer;
