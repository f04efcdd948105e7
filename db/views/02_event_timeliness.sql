-- One row per event: who spoke first and by how many hours.
-- lag_hours = first official minus first media (negative: the government was first).
-- official_first is decided only when the two first intervals do not overlap.
create or replace view event_timeliness as
with sides as (
    select
        event_id,
        min(at_start) filter (where kind = 'media')    as first_media_at,
        min(at_end)   filter (where kind = 'media')    as first_media_end,
        min(at_start) filter (where kind = 'official') as first_official_at,
        min(at_end)   filter (where kind = 'official') as first_official_end,
        count(*) filter (where kind = 'media')         as n_media,
        count(*) filter (where kind = 'official')      as n_official
    from document_times
    group by event_id
),
final as (
    select
        e.event_id,
        e.label,
        s.first_media_at,
        s.first_official_at,
        round(date_diff('second', s.first_media_at, s.first_official_at) / 3600.0, 4) as lag_hours,
        case
            when s.first_media_at is null or s.first_official_at is null then null
            when s.first_official_end <= s.first_media_at then true
            when s.first_official_at >= s.first_media_end then false
        end as official_first,
        coalesce(s.n_media, 0)    as n_media,
        coalesce(s.n_official, 0) as n_official
    from events e
    left join sides s on s.event_id = e.event_id
)
select * from final;
