-- One row per event and official source that published on it: its first post, its lag behind the
-- first media report, and whether that post is a repost (declared media source or copied media text).
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
copies_media as (
    select distinct c.doc_id
    from document_copies c
    join documents m on m.doc_id = c.copied_doc_id
    join sources ms on ms.source_id = m.source_id
    where ms.kind = 'media'
),
final as (
    select
        p.event_id,
        p.source_id,
        p.at_start as first_at,
        p.published_precision as first_precision,
        round(date_diff('second', t.first_media_at, p.at_start) / 3600.0, 4) as lag_hours,
        coalesce(p.declared_source_kind = 'media', false) or cm.doc_id is not null as is_repost,
        p.declared_source,
        cm.doc_id is not null as copies_media_text,
        p.doc_id as first_doc_id
    from official_posts p
    join event_timeliness t on t.event_id = p.event_id
    left join copies_media cm on cm.doc_id = p.doc_id
    where p.nth = 1
)
select * from final;
