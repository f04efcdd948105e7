-- Press check: for every official source whose region starts with $region, its first post from $since on whose
-- title contains every word of $words, and how many hours after the press event ($at) it came.
with official as (
    select source_id, name, region, level, channel
    from sources
    where kind = 'official' and starts_with(region, $region::varchar)
),
matching as (
    select
        d.source_id,
        d.doc_id,
        d.title,
        d.url,
        d.published_at,
        d.published_precision,
        row_number() over (partition by d.source_id order by d.published_at, d.doc_id) as nth
    from documents d
    join official o on o.source_id = d.source_id
    where d.published_at >= $since::timestamptz
      and d.published_flag is null
      and coalesce(list_bool_and(list_transform($words::varchar[], lambda w: contains(lower(d.title), lower(w)))), true)
),
final as (
    select
        o.source_id,
        o.name,
        o.region,
        o.level,
        o.channel,
        m.doc_id,
        m.title,
        m.url,
        m.published_at,
        m.published_precision,
        round(date_diff('second', $at::timestamptz, m.published_at) / 3600.0, 2)::double as lag_hours
    from official o
    left join matching m on m.source_id = o.source_id and m.nth = 1
)
select * from final
order by published_at nulls last, source_id;
