-- Share of reposts per official source and ISO week (Asia/Shanghai) of the post's time (its publish time, or
-- first_seen_at when it has none), by repost class (official_post_classes).
create or replace view repost_shares as
with posts as (
    select
        c.source_id,
        isoyear(c.posted_at) as iso_year,
        week(c.posted_at) as iso_week,
        date_trunc('week', c.posted_at) as week_start,
        c.repost_class
    from official_post_classes c
),
final as (
    select
        p.source_id,
        s.name,
        s.region,
        s.level,
        s.channel,
        p.iso_year,
        p.iso_week,
        min(p.week_start) as week_start,
        count(*) as n_posts,
        count(*) filter (where p.repost_class = '首发') as n_original,
        count(*) filter (where p.repost_class = '转载媒体') as n_repost_media,
        count(*) filter (where p.repost_class = '转载上级') as n_repost_upper,
        round(count(*) filter (where p.repost_class <> '首发') / count(*), 4) as repost_share,
        round(count(*) filter (where p.repost_class = '转载媒体') / count(*), 4) as media_repost_share
    from posts p
    join sources s on s.source_id = p.source_id
    group by p.source_id, s.name, s.region, s.level, s.channel, p.iso_year, p.iso_week
)
select * from final;

-- What source_week_post_facts stores (rebuilt with the event facts, in the writer's time zone Asia/Shanghai): per
-- official source and week start of the post's time, its posts by repost class. dash_repost_shares sums the weeks.
create or replace macro source_week_posts_of(scoped) as table
select
    c.source_id,
    date_trunc('week', c.posted_at) as week_start,
    count(*) as n_posts,
    count(*) filter (where c.repost_class = '首发') as n_original,
    count(*) filter (where c.repost_class = '转载媒体') as n_repost_media,
    count(*) filter (where c.repost_class = '转载上级') as n_repost_upper
from official_post_classes_of(scoped) c
group by c.source_id, date_trunc('week', c.posted_at);

create or replace view source_week_posts_live as
from source_week_posts_of(false);
