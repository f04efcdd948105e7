-- Per source: what it is, how many documents we hold, its latest publish time and its fetch errors.
-- days_since_publish counts from our latest capture of any page, so an old database does not look stale by itself;
-- stale is the 2019 check's rule: no new post for 14 days.
with docs as (
    select
        source_id,
        count(*) as n_documents,
        max(published_at) filter (where published_flag is null) as last_published_at,
        arg_max(published_precision, published_at) filter (where published_flag is null) as last_published_precision,
        max(last_seen_at) as last_seen_at
    from documents
    group by source_id
),
errors as (
    select source_id, count(*) as n_fetch_errors, max(fetched_at) as last_error_at
    from fetch_errors
    group by source_id
),
latest as (
    select max(last_seen_at) as crawled_at from documents
),
final as (
    select
        s.source_id,
        s.name,
        s.kind,
        s.channel,
        s.region,
        s.level,
        coalesce(d.n_documents, 0) as n_documents,
        d.last_published_at,
        d.last_published_precision,
        d.last_seen_at,
        date_diff('day', d.last_published_at, l.crawled_at) as days_since_publish,
        coalesce(date_diff('day', d.last_published_at, l.crawled_at) > 14, true) as stale,
        coalesce(e.n_fetch_errors, 0) as n_fetch_errors,
        e.last_error_at
    from sources s
    left join docs d on d.source_id = s.source_id
    left join errors e on e.source_id = s.source_id
    cross join latest l
    where $region::varchar is null or starts_with(s.region, $region::varchar)
)
select * from final
order by kind desc, region nulls last, source_id;
