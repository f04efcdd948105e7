-- The keys whose inputs changed since the last refresh (their digest differs from the stored one, or is new, or is
-- gone): the events into refresh_events; the (source, day) digests into changed_source_days, and the source weeks
-- their posts can fall in into refresh_source_weeks. A day bucket (epoch_us // one day, rounded towards zero) holds
-- times inside ((day - 1), (day + 1)) days; the weeks of a post (week_start of its time, and of its time less 1 µs for
-- the latest post by a boundary) in that span are those of its two ends, the span being shorter than a week.
insert into refresh_events
select coalesce(n.event_id, o.event_id)
from current_event_digests n
full join event_input_digests o on o.event_id = n.event_id
where n.digest is distinct from o.digest;

create or replace temp table changed_source_days as
select coalesce(n.source_id, o.source_id) as source_id, coalesce(n.day, o.day) as day
from current_source_day_digests n
full join source_day_digests o on o.source_id = n.source_id and o.day = n.day
where n.digest is distinct from o.digest;

create or replace temp table refresh_source_weeks as
select distinct c.source_id, date_trunc('week', to_timestamp(0) + to_microseconds(t.edge)) as week_start
from changed_source_days c,
     unnest([(c.day - 1) * 86400000000 - 1, (c.day + 1) * 86400000000 + 1]) as t(edge);
