-- One row per event and official source that published on it: its first post, its lag behind the
-- first media report (claimed point and observed interval), whether that post is a repost (declared media
-- source or copied media text) and its repost class (首发 / 转载媒体 / 转载上级).
create or replace view event_official_responses as
with per_source as (
    select
        event_id,
        source_id,
        arg_min(doc_id, (at_start, doc_id)) as first_doc_id,
        min(at_start) as first_at,
        arg_min(at_end, (at_start, doc_id)) as first_at_end,
        arg_min(published_precision, (at_start, doc_id)) as first_precision,
        arg_min(declared_source, (at_start, doc_id)) as declared_source,
        arg_min(declared_source_kind, (at_start, doc_id)) as declared_source_kind,
        arg_min(channel, (at_start, doc_id)) as channel,
        arg_min(backdated, (at_start, doc_id)) as backdated,
        arg_min(seen_before_claimed, (at_start, doc_id)) as seen_before_claimed,
        case when bool_and(earliest_at is not null) then min(earliest_at) end as first_at_earliest,
        min(latest_at) as first_at_latest,
        bool_or(backdated) as any_backdated
    from document_times
    where kind = 'official'
    group by event_id, source_id
),
responses as (
    select
        ps.event_id,
        ps.source_id,
        ps.first_at,
        ps.first_precision,
        round(date_diff('second', t.first_media_at, ps.first_at) / 3600.0, 4) as lag_hours,
        coalesce(ps.declared_source_kind = 'media', false) or c.copies_media_text as is_repost,
        ps.declared_source,
        c.copies_media_text,
        ps.first_doc_id,
        ps.channel,
        c.repost_class,
        ps.first_at_earliest,
        ps.first_at_latest,
        round(date_diff('second', t.first_media_latest, ps.first_at_earliest) / 3600.0, 4) as lag_hours_min,
        round(date_diff('second', t.first_media_earliest, ps.first_at_latest) / 3600.0, 4) as lag_hours_max,
        case
            when t.first_media_at is null then null
            when ps.first_at_end <= t.first_media_at then true
            when ps.first_at >= t.first_media_end then false
        end as spoke_first_claimed,
        ps.backdated,
        ps.seen_before_claimed,
        ps.any_backdated
    from per_source ps
    join event_timeliness t on t.event_id = ps.event_id
    join official_post_classes c on c.doc_id = ps.first_doc_id
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
