-- One row per event and official source that published on it: its first post, its lag behind the
-- first media report (claimed point and observed interval), whether that post is a repost (declared media
-- source or copied media text) and its repost class (首发 / 转载媒体 / 转载上级).
create or replace view event_official_responses as
-- Per source: its first post on the event (earliest claimed start, then doc_id) and that post's repost class, from
-- event_source_facts.
with per_source as (
    select
        event_id,
        source_id,
        first_doc_id,
        first_at,
        first_at_end,
        first_precision,
        declared_source,
        declared_source_kind,
        channel,
        first_backdated as backdated,
        first_seen_before_claimed as seen_before_claimed,
        case when all_earliest_known then min_earliest_at end as first_at_earliest,
        min_latest_at as first_at_latest,
        any_backdated,
        first_repost_class,
        first_copies_media_text
    from event_source_facts
    where kind = 'official'
),
responses as (
    select
        ps.event_id,
        ps.source_id,
        ps.first_at,
        ps.first_precision,
        round(date_diff('second', t.first_media_at, ps.first_at) / 3600.0, 4) as lag_hours,
        coalesce(ps.declared_source_kind = 'media', false) or ps.first_copies_media_text as is_repost,
        ps.declared_source,
        ps.first_copies_media_text as copies_media_text,
        ps.first_doc_id,
        ps.channel,
        ps.first_repost_class as repost_class,
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

-- event_official_responses with the source's name, as the dashboard and the digest list an event's responses
-- (dash_official_responses, official_responses).
create or replace view official_response_rows as
select
    r.event_id,
    r.source_id,
    s.name as source_name,
    r.first_at,
    r.first_precision,
    r.lag_hours::double as lag_hours,
    r.is_repost,
    r.repost_class,
    r.copies_media_text,
    r.declared_source,
    r.first_doc_id
from event_official_responses r
join sources s on s.source_id = r.source_id;
