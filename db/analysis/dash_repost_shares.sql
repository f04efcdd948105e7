-- Repost shares per official source over its posts in [$week_start, $week_end) (NULL: all; the bounds are week
-- starts in Asia/Shanghai, so this is the sum of repost_shares' weeks) for sources in a region (NULL: all): posts,
-- 首发, 转载媒体, 转载上级 and the shares. Summed from source_week_post_facts (each source's posts per week and class,
-- stored), so no query classifies every official document.
with scoped as (
    select p.source_id,
           sum(p.n_posts) as n_posts,
           sum(p.n_original) as n_original,
           sum(p.n_repost_media) as n_repost_media,
           sum(p.n_repost_upper) as n_repost_upper
    from source_week_post_facts p
    where ($week_start::timestamptz is null or p.week_start >= $week_start::timestamptz)
      and ($week_end::timestamptz is null or p.week_start < $week_end::timestamptz)
    group by p.source_id
),
final as (
    select
        s.source_id,
        s.name,
        s.region,
        s.level,
        p.n_posts::bigint as n_posts,
        p.n_original::bigint as n_original,
        p.n_repost_media::bigint as n_repost_media,
        p.n_repost_upper::bigint as n_repost_upper,
        round((p.n_posts - p.n_original) / p.n_posts, 4)::double as repost_share,
        round(p.n_repost_media / p.n_posts, 4)::double as media_repost_share
    from scoped p
    join sources s on s.source_id = p.source_id
    where $region::varchar is null or starts_with(s.region, $region::varchar)
)
select * from final
order by repost_share desc, n_posts desc, source_id;
