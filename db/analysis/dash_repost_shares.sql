-- Repost shares per official source over its posts in [$week_start, $week_end) (NULL: all; the bounds are week
-- starts, so this is the sum of repost_shares' weeks) for sources in a region (NULL: all): posts, 首发, 转载媒体,
-- 转载上级 and the shares. Read from official_post_classes so the time bound reaches the documents.
with scoped as (
    select c.source_id, c.repost_class
    from official_post_classes c
    where ($week_start::timestamptz is null or c.posted_at >= $week_start::timestamptz)
      and ($week_end::timestamptz is null or c.posted_at < $week_end::timestamptz)
),
final as (
    select
        s.source_id,
        s.name,
        s.region,
        s.level,
        count(*)::bigint as n_posts,
        count(*) filter (where p.repost_class = '首发')::bigint as n_original,
        count(*) filter (where p.repost_class = '转载媒体')::bigint as n_repost_media,
        count(*) filter (where p.repost_class = '转载上级')::bigint as n_repost_upper,
        round(count(*) filter (where p.repost_class <> '首发') / count(*), 4)::double as repost_share,
        round(count(*) filter (where p.repost_class = '转载媒体') / count(*), 4)::double as media_repost_share
    from scoped p
    join sources s on s.source_id = p.source_id
    where $region::varchar is null or starts_with(s.region, $region::varchar)
    group by s.source_id, s.name, s.region, s.level
)
select * from final
order by repost_share desc, n_posts desc, source_id;
