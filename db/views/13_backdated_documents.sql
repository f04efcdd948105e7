-- Backdated posts (国办秘函〔2019〕19号 vetoes 伪造发稿日期): the claimed publish interval ends before a fetch of
-- the post's list page (document_bounds.absent_at) that showed other articles but not this one.
create or replace view backdated_documents as
with final as (
    select
        d.doc_id,
        d.source_id,
        s.kind,
        d.url,
        d.title,
        d.published_at,
        d.published_precision,
        b.absent_at,
        d.found_on,
        d.first_seen_at,
        round(date_diff('second', b.claimed_end, b.absent_at) / 3600.0, 4) as hours_backdated_min
    from document_bounds b
    join documents d on d.doc_id = b.doc_id
    join sources s on s.source_id = d.source_id
    where b.backdated
)
select * from final;
