-- What the scoped definitions (<fact>_of(true)) read: the links of the events in refresh_events, and the documents
-- they link or that a source in refresh_source_weeks posted on a day that can hold a post of that week (a week spans
-- at most 8 days of epoch time; two days more either side for the rounding of day buckets), with the columns read.
create or replace temp table refresh_source_days as
select distinct w.source_id, t.day
from refresh_source_weeks w,
     unnest(range(epoch_us(w.week_start) // 86400000000 - 2,
                  epoch_us(w.week_start + interval 8 day) // 86400000000 + 3)) as t(day);

insert into refresh_links
select doc_id, event_id from event_documents where event_id in (select event_id from refresh_events);

insert into refresh_documents
select d.doc_id, d.source_id, d.title, d.published_at, d.published_precision, d.published_flag, d.declared_source,
       d.declared_source_kind, d.first_seen_at, d.absent_at, d.bounds_seen_at
from documents d
left join refresh_source_days k
       on k.source_id = d.source_id and k.day = posted_day(d.published_at, d.published_flag, d.first_seen_at)
where k.day is not null or d.doc_id in (select doc_id from refresh_links);
