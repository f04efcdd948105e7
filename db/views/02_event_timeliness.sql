-- One row per event: who spoke first and by how many hours.
-- lag_hours = first official minus first media claimed times (negative: the government was first).
-- lag_hours_min / lag_hours_max bound the true lag by each time's precision and our observations
-- (document_bounds); NULL on one side when that side is unbounded or missing.
-- official_first is decided only when the claimed intervals do not overlap and the observed interval lies
-- on the same side of zero; official_first_observed uses the observed interval alone.
-- event_timeliness_of is the definition (scoped: the events in refresh_events); event_timeliness reads the rows stored
-- from it (event_facts, refreshed with event_source_facts by db.refresh_analysis).
create or replace macro event_timeliness_of(scoped) as table
-- The per-document aggregates come from event_source_facts (document_times per event and source, stored).
with sides as (
    select
        event_id,
        min(first_at)   filter (where kind = 'media')    as first_media_at,
        min(min_at_end) filter (where kind = 'media')    as first_media_end,
        min(first_at)   filter (where kind = 'official') as first_official_at,
        min(min_at_end) filter (where kind = 'official') as first_official_end,
        min(first_at)   filter (where kind = 'official' and channel = 'website') as first_official_website_at,
        case when bool_and(all_earliest_known) filter (where kind = 'media')
             then min(min_earliest_at) filter (where kind = 'media') end as first_media_earliest,
        min(min_latest_at) filter (where kind = 'media') as first_media_latest,
        case when bool_and(all_earliest_known) filter (where kind = 'official')
             then min(min_earliest_at) filter (where kind = 'official') end as first_official_earliest,
        min(min_latest_at) filter (where kind = 'official') as first_official_latest,
        sum(n_docs) filter (where kind = 'media')::bigint    as n_media,
        sum(n_docs) filter (where kind = 'official')::bigint as n_official,
        sum(n_backdated)::bigint                             as n_backdated
    from event_source_facts
    where not scoped or event_id in (select event_id from refresh_events)
    group by event_id
),
lags as (
    select
        *,
        case
            when first_media_at is null or first_official_at is null then null
            when first_official_end <= first_media_at then true
            when first_official_at >= first_media_end then false
        end as official_first_claimed,
        round(date_diff('second', first_media_latest, first_official_earliest) / 3600.0, 4) as lag_hours_min,
        round(date_diff('second', first_media_earliest, first_official_latest) / 3600.0, 4) as lag_hours_max
    from sides
),
decided as (
    select
        *,
        case
            when first_media_at is null or first_official_at is null then null
            when lag_hours_max <= 0 then true
            when lag_hours_min >= 0 then false
        end as official_first_observed
    from lags
),
final as (
    select
        e.event_id,
        e.label,
        s.first_media_at,
        s.first_official_at,
        round(date_diff('second', s.first_media_at, s.first_official_at) / 3600.0, 4) as lag_hours,
        case when s.official_first_claimed = s.official_first_observed then s.official_first_claimed end
            as official_first,
        coalesce(s.n_media, 0)    as n_media,
        coalesce(s.n_official, 0) as n_official,
        s.lag_hours_min,
        s.lag_hours_max,
        s.official_first_claimed,
        s.official_first_observed,
        s.first_media_earliest,
        s.first_media_latest,
        s.first_official_earliest,
        s.first_official_latest,
        s.first_official_at as first_official_voice_at,
        s.first_official_website_at,
        round(date_diff('second', s.first_official_at, s.first_official_website_at) / 3600.0, 4)
            as website_lag_behind_voice_hours,
        coalesce(s.n_backdated, 0) as n_backdated,
        s.first_media_end,
        s.first_official_end
    from events e
    left join decided s on s.event_id = e.event_id
    where not scoped or e.event_id in (select event_id from refresh_events)
)
select * from final;

create or replace view event_timeliness_live as
from event_timeliness_of(false);

-- What event_facts stores: event_timeliness_live with the event's first timed document (its week), the precision of
-- its first media and first official post (event_list) and how many official sources' first post is a repost
-- (event_official_responses.is_repost, from the same stored per-source facts).
create or replace macro event_facts_of(scoped) as table
with firsts as (
    select
        event_id,
        min(first_at) as first_at,
        arg_min(first_precision, (first_at, first_doc_id)) filter (where kind = 'media') as first_media_precision,
        arg_min(first_precision, (first_at, first_doc_id)) filter (where kind = 'official') as first_official_precision,
        count(*) filter (
            where kind = 'official' and (coalesce(declared_source_kind = 'media', false) or first_copies_media_text)
        ) as n_reposts
    from event_source_facts
    where not scoped or event_id in (select event_id from refresh_events)
    group by event_id
)
select t.*, f.first_at, f.first_media_precision, f.first_official_precision, coalesce(f.n_reposts, 0) as n_reposts
from event_timeliness_of(scoped) t
left join firsts f on f.event_id = t.event_id;

create or replace view event_facts_live as
from event_facts_of(false);

create or replace view event_timeliness as
select * exclude (first_at, first_media_precision, first_official_precision, n_reposts)
from event_facts;

-- The time of every event's first timed document: the week an event belongs to (event_weeks, week_summary,
-- dash_week_trend).
create or replace view event_first_times as
select event_id, min(first_at) as first_at
from event_source_facts
group by event_id;
