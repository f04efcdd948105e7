-- Rule clocks per event, responsible official source and applicable rule (rules whose applies_to is the
-- event's severity or 'all'). The clock starts at the event's first media report (its first timed document when no media
-- reported it) and runs clock_hours.
-- The response is the source's first post on the event (its observed interval), or for a press_conference
-- obligation the first press event linked to the event held by an official source of the same region.
-- status:
--   met               the response's latest possible time is within the clock
--   unobservable      not met and the source had an outage (source_outages) overlapping the clock
--   pending           no response yet and the clock is still running at as_of
--   missed            no response by the deadline, or the response's earliest possible time is after it
--   undecided         the response's interval straddles the deadline
--   would-have-met / would-have-missed / pre-rule
--                     the clock started before the rule took effect (or after it lapsed)
-- The clocks without their judgement at as_of, stored in event_rule_clock_facts (db.refresh_analysis recomputes an
-- event's when its facts, its responsible sources, their outages, the rules, severities or press events change):
-- outage_closed: an outage that has ended overlapped the clock; ongoing_outage: an outage still running began before
-- the deadline (it overlaps the clock once as_of is past the clock's start).
create or replace macro event_rule_clocks_of(scoped) as table
with clocks as (
    select event_id, coalesce(min(first_at) filter (where kind = 'media'), min(first_at)) as clock_start
    from event_source_facts
    where not scoped or event_id in (select event_id from refresh_events)
    group by event_id
),
applicable as (
    select
        c.event_id,
        c.clock_start,
        sv.severity,
        r.rule_id,
        r.document,
        r.obligation,
        r.clock_hours,
        r.effective_from,
        r.effective_to,
        c.clock_start + to_microseconds((r.clock_hours * 3600000000)::bigint) as deadline
    from clocks c
    join event_severities sv on sv.event_id = c.event_id
    join rules r on r.applies_to = sv.severity or r.applies_to = 'all'
),
press_by_region as (
    select l.event_id, s.region, min(p.held_at) as held_at
    from press_event_links l
    join press_events p on p.press_id = l.press_id
    join sources s on s.source_id = p.source_id
    where l.event_id is not null
    group by l.event_id, s.region
),
responses as (
    select
        a.*,
        rs.source_id,
        rs.role,
        case when a.obligation = 'press_conference' then pr.held_at is not null
             else er.first_doc_id is not null end as responded,
        case when a.obligation = 'press_conference' then pr.held_at else er.first_at_earliest end
            as response_earliest,
        case when a.obligation = 'press_conference' then pr.held_at else er.first_at_latest end
            as response_latest
    from applicable a
    join (from event_responsible_sources where not scoped or event_id in (select event_id from refresh_events)) rs
      on rs.event_id = a.event_id
    left join event_official_responses er on er.event_id = a.event_id and er.source_id = rs.source_id
    left join press_by_region pr on pr.event_id = a.event_id and pr.region = rs.source_region
),
outages as (
    select
        r.event_id,
        r.source_id,
        r.rule_id,
        bool_or(o.outage_end is not null and o.outage_end > r.clock_start) as outage_closed,
        bool_or(o.outage_end is null) as ongoing_outage
    from responses r
    join source_outages o on o.source_id = r.source_id and o.outage_start < r.deadline
    where r.obligation <> 'press_conference'
    group by r.event_id, r.source_id, r.rule_id
)
select
    r.event_id,
    r.source_id,
    r.role,
    r.rule_id,
    r.document,
    r.obligation,
    r.severity,
    r.clock_hours,
    r.effective_from,
    r.effective_to,
    r.clock_start,
    r.deadline,
    r.responded,
    r.response_earliest,
    r.response_latest,
    coalesce(o.outage_closed, false) as outage_closed,
    coalesce(o.ongoing_outage, false) as ongoing_outage
from responses r
left join outages o on o.event_id = r.event_id and o.source_id = r.source_id and o.rule_id = r.rule_id;

create or replace view event_rule_clocks_live as
from event_rule_clocks_of(false);

create or replace view event_rule_status as
with settings as (
    select coalesce(max(value_time) filter (where name = 'as_of'), now()) as as_of
    from analysis_settings
),
judged as (
    select
        r.*,
        st.as_of,
        r.clock_start < r.effective_from or coalesce(r.clock_start >= r.effective_to, false) as before_rule,
        r.outage_closed or (r.ongoing_outage and st.as_of > r.clock_start) as outage_during_clock,
        r.responded and r.response_latest <= r.deadline as is_met,
        (r.responded and r.response_earliest > r.deadline) or (not r.responded and st.as_of >= r.deadline)
            as is_missed,
        not r.responded and st.as_of < r.deadline as is_pending
    from event_rule_clock_facts r
    cross join settings st
),
final as (
    select
        event_id,
        source_id,
        role,
        rule_id,
        document,
        obligation,
        severity,
        clock_hours,
        clock_start,
        deadline,
        responded,
        response_earliest,
        response_latest,
        round(date_diff('second', clock_start, response_earliest) / 3600.0, 4) as response_hours_min,
        round(date_diff('second', clock_start, response_latest) / 3600.0, 4) as response_hours_max,
        outage_during_clock,
        not before_rule as rule_in_force,
        case
            when before_rule and is_met then 'would-have-met'
            when before_rule and is_missed then 'would-have-missed'
            when before_rule then 'pre-rule'
            when is_met then 'met'
            when outage_during_clock then 'unobservable'
            when is_pending then 'pending'
            when is_missed then 'missed'
            else 'undecided'
        end as status
    from judged
)
select * from final;

-- event_rule_status with the source's name, one row per event, responsible source and rule, as the dashboard and the
-- rule queries show it (response hours as double). An equality on event_id is pushed down through the join, so a
-- query for one event computes that event only.
create or replace view event_rule_results as
select
    r.event_id,
    r.source_id,
    s.name as source_name,
    r.role,
    r.rule_id,
    r.document,
    r.obligation,
    r.severity,
    r.clock_hours,
    r.clock_start,
    r.deadline,
    r.response_hours_min::double as response_hours_min,
    r.response_hours_max::double as response_hours_max,
    r.outage_during_clock,
    r.status
from event_rule_status r
join sources s on s.source_id = r.source_id;
