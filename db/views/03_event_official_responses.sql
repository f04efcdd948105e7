-- One row per event and official source that published on it: its first post, its lag behind the
-- first media report (claimed point and observed interval), whether that post is a repost (declared media
-- source or copied media text) and its repost class (首发 / 转载媒体 / 转载上级).
create or replace view event_official_responses as
with official_posts as (
    select
        dt.*,
        row_number() over (
            partition by dt.event_id, dt.source_id order by dt.at_start, dt.doc_id
        ) as nth
    from document_times dt
    where dt.kind = 'official'
),
per_source as (
    select
        event_id,
        source_id,
        case when bool_and(earliest_at is not null) then min(earliest_at) end as first_at_earliest,
        min(latest_at) as first_at_latest,
        bool_or(backdated) as any_backdated
    from official_posts
    group by event_id, source_id
),
responses as (
    select
        p.event_id,
        p.source_id,
        p.at_start as first_at,
        p.published_precision as first_precision,
        round(date_diff('second', t.first_media_at, p.at_start) / 3600.0, 4) as lag_hours,
        coalesce(p.declared_source_kind = 'media', false) or c.copies_media_text as is_repost,
        p.declared_source,
        c.copies_media_text,
        p.doc_id as first_doc_id,
        p.channel,
        c.repost_class,
        ps.first_at_earliest,
        ps.first_at_latest,
        round(date_diff('second', t.first_media_latest, ps.first_at_earliest) / 3600.0, 4) as lag_hours_min,
        round(date_diff('second', t.first_media_earliest, ps.first_at_latest) / 3600.0, 4) as lag_hours_max,
        case
            when t.first_media_at is null then null
            when p.at_end <= t.first_media_at then true
            when p.at_start >= t.first_media_end then false
        end as spoke_first_claimed,
        p.backdated,
        p.seen_before_claimed,
        ps.any_backdated
    from official_posts p
    join event_timeliness t on t.event_id = p.event_id
    join per_source ps on ps.event_id = p.event_id and ps.source_id = p.source_id
    join official_post_classes c on c.doc_id = p.doc_id
    where p.nth = 1
),
final as (
    select
        * exclude (spoke_first_claimed),
        case
            when spoke_first_claimed and lag_hours_max <= 0 then true
            when not spoke_first_claimed and lag_hours_min >= 0 then false
        end as spoke_first
    from responses
)
select * from final;
