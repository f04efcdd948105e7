-- The documents the scoped definitions (<fact>_of(true)) read: those linked to the events in refresh_events, and every
-- document of a source in refresh_source_weeks whose day can hold a post of that week (a week spans at most 8 days
-- of epoch time; two days more either side for the rounding of day buckets).
create or replace temp table refresh_source_days as
select distinct w.source_id, t.day
from refresh_source_weeks w,
     unnest(range(epoch_us(w.week_start) // 86400000000 - 2,
                  epoch_us(w.week_start + interval 8 day) // 86400000000 + 3)) as t(day);

insert into refresh_documents
select doc_id from event_documents where event_id in (select event_id from refresh_events)
union
select d.doc_id
from documents d
semi join refresh_source_days k
       on k.source_id = d.source_id and k.day = posted_day(d.published_at, d.published_flag, d.first_seen_at);
