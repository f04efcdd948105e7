-- Events in scope with who spoke first. An event belongs to the week of its first timed document and to a region
-- when any of its sources' regions starts with $region. All filters are optional (NULL: no filter).
-- $words: every word must appear in the label or in a document title (NULL or empty: no filter); $who: codes as in
-- `who` below. Read from event_facts (event_timeliness stored with each event's week, first posts' precisions and
-- reposted responses), so the week's bounds reach the stored rows.
with in_region as (
    select event_id from event_source_regions where starts_with(region, $region::varchar)
),
-- When searching: per word, the events whose label or any document title contains it, found from the matching
-- titles (a scan of titles, not an aggregate of every event's titles); an event matches when it has every word.
search_words as (
    select distinct lower(word) as word
    from (select unnest($words::varchar[]) as word)
    where $words::varchar[] is not null
),
-- The words each title contains, in one scan of the titles (a join of words and titles compares them pair by pair).
word_docs as (
    select doc_id, unnest(list_filter(words, lambda w: contains(title, w))) as word
    from (
        select d.doc_id, lower(d.title) as title, list_distinct(list_transform($words::varchar[], lambda w: lower(w)))
            as words
        from documents d
        where coalesce(len($words::varchar[]), 0) > 0
    )
),
-- The links of the matching documents by a semi-join built on them: without words nothing is built (a join could
-- build on every link).
word_links as (
    select ed.event_id, ed.doc_id
    from event_documents ed
    where ed.doc_id in (select doc_id from word_docs)
),
word_hits as (
    select l.event_id, w.word
    from word_links l
    join word_docs w on w.doc_id = l.doc_id
    union
    select e.event_id, w.word
    from events e
    join search_words w on contains(lower(e.label), w.word)
),
searched as (
    select event_id
    from word_hits
    group by event_id
    having count(distinct word) = (select count(*) from search_words)
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
    select * from scoped
)
select * from final
order by first_at nulls last, event_id;
