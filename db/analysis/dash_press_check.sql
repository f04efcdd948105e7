-- Press check: for every official source whose region starts with $region, its first post from $since on, and
-- within the longest rule clock after the press event ($at), whose title contains every word of $words, and how many
-- hours after the press event it came. A post later than every clock is late under any rule: it is not searched for.
with clock as (
    select coalesce(max(clock_hours), 48) as window_hours from rules
),
official as (
    select source_id, name, region, level, channel
    from sources
    where kind = 'official' and starts_with(region, $region::varchar)
),
matching as (
    select
        d.source_id,
        arg_min(d.doc_id, (d.published_at, d.doc_id)) as doc_id,
        arg_min(d.title, (d.published_at, d.doc_id)) as title,
        arg_min(d.url, (d.published_at, d.doc_id)) as url,
        min(d.published_at) as published_at,
        arg_min(d.published_precision, (d.published_at, d.doc_id)) as published_precision
    from documents d
    join official o on o.source_id = d.source_id
    cross join clock c
    where d.published_at >= $since::timestamptz
      and d.published_at < $at::timestamptz + to_microseconds((c.window_hours * 3600000000)::bigint)
      and d.published_flag is null
      and coalesce(list_bool_and(list_transform($words::varchar[], lambda w: contains(lower(d.title), lower(w)))), true)
    group by d.source_id
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
        round(date_diff('second', $at::timestamptz, m.published_at) / 3600.0, 2)::double as lag_hours,
        c.window_hours
    from official o
    cross join clock c
    left join matching m on m.source_id = o.source_id
)
select * from final
order by published_at nulls last, source_id;
