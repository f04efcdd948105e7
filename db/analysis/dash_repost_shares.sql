-- Repost shares (repost_shares) per official source over the weeks of the posts in [$week_start, $week_end) (NULL:
-- all) for sources in a region (NULL: all): posts, 首发, 转载媒体, 转载上级 and the shares.
with scoped as (
    select *
    from repost_shares
    where ($region::varchar is null or starts_with(region, $region::varchar))
      and ($week_start::timestamptz is null or week_start >= $week_start::timestamptz)
      and ($week_end::timestamptz is null or week_start < $week_end::timestamptz)
),
final as (
    select
        source_id,
        name,
        region,
        level,
        sum(n_posts)::bigint as n_posts,
        sum(n_original)::bigint as n_original,
        sum(n_repost_media)::bigint as n_repost_media,
        sum(n_repost_upper)::bigint as n_repost_upper,
        round(sum(n_repost_media + n_repost_upper) / sum(n_posts), 4)::double as repost_share,
        round(sum(n_repost_media) / sum(n_posts), 4)::double as media_repost_share
    from scoped
    group by source_id, name, region, level
)
select * from final
order by repost_share desc, n_posts desc, source_id;
