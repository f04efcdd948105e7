-- Each linked document with the interval its timestamp stands for: [at_start, at_end).
-- A date-only post lies somewhere in its day; flagged times (future, before the web) are left out.
create or replace view document_times as
select
    ed.event_id,
    d.doc_id,
    d.source_id,
    s.kind,
    s.channel,
    d.published_at as at_start,
    case d.published_precision
        when 'second' then d.published_at + interval 1 second
        when 'hour'   then d.published_at + interval 1 hour
        when 'day'    then d.published_at + interval 1 day
        when 'month'  then d.published_at + interval 1 month
        when 'year'   then d.published_at + interval 1 year
        else d.published_at + interval 1 minute
    end as at_end,
    d.published_precision,
    d.declared_source,
    d.declared_source_kind
from event_documents ed
join documents d on d.doc_id = ed.doc_id
join sources s on s.source_id = d.source_id
where d.published_at is not null
  and d.published_flag is null;
