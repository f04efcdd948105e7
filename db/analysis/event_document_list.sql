-- Every document linked to one event, timed ones first in publish order; untimed and flagged ones last.
-- at_end is the end of the interval the publish time stands for (NULL when the time is missing or flagged);
-- absent_at, backdated and seen_before_claimed are our observations of it (document_bounds).
-- The event's links first, by the index on event_id (filtered inside a join the links were scanned whole).
with links as materialized (
    select * from event_documents where event_id = $event_id
)
select
    d.doc_id,
    d.source_id,
    s.name as source_name,
    s.kind,
    s.channel,
    d.title,
    d.published_at,
    dt.claimed_end as at_end,
    d.published_precision,
    d.published_flag,
    d.declared_source,
    d.url,
    d.first_seen_at,
    dt.absent_at,
    coalesce(dt.backdated, false) as backdated,
    coalesce(dt.seen_before_claimed, false) as seen_before_claimed
from links ed
join documents d on d.doc_id = ed.doc_id
join sources s on s.source_id = d.source_id
left join document_bounds dt on dt.doc_id = d.doc_id
where d.doc_id in (select doc_id from links)
order by d.published_flag nulls first, d.published_at nulls last, d.doc_id;
