-- Silent events (silent_events) whose first media report falls in [$week_start, $week_end) (NULL: all), in a region
-- as in event_list (any of the event's sources' regions starts with $region; NULL: all).
with in_region as (
    select event_id from event_source_regions where starts_with(region, $region::varchar)
)
select
    event_id,
    label,
    first_media_at,
    deadline,
    n_media,
    n_media_sources,
    responsible_source_ids,
    first_response_at,
    unobservable
from silent_events
where ($week_start::timestamptz is null or first_media_at >= $week_start::timestamptz)
  and ($week_end::timestamptz is null or first_media_at < $week_end::timestamptz)
  and ($region::varchar is null or event_id in (select event_id from in_region))
order by first_media_at, event_id;
