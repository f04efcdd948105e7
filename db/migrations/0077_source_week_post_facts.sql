-- Per official source and ISO week (Asia/Shanghai) of the post's time, its posts by repost class
-- (views/08_repost_shares.sql, source_week_posts_live), stored: the overview's repost shares classified every official
-- document on every query to keep one week's (0.6-1.0 s at 10 M documents). Rebuilt by db.refresh_analysis with the
-- event facts (documents, sources and copies are in refresh/event_facts_fingerprint.sql).
create table if not exists source_week_post_facts (
    source_id       varchar not null,
    week_start      timestamptz,        -- date_trunc('week') of the post's time in Asia/Shanghai
    n_posts         bigint not null,
    n_original      bigint not null,    -- 首发
    n_repost_media  bigint not null,    -- 转载媒体
    n_repost_upper  bigint not null     -- 转载上级
);
-- The next db.refresh_analysis fills it.
delete from analysis_refresh where name = 'event_facts';
