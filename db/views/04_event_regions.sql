-- Event severity, event regions and the official sources responsible for each event.

-- Severity of every event: the analyst's (event_severity) when set, otherwise suggested from keywords
-- (severity_keywords) found in the label or a document title, otherwise 'other'.
-- The keyword matches are stored (event_keyword_matches, rebuilt by db.refresh_analysis from
-- event_keyword_matches_live); the keywords' severities and the analyst's severity are read live.
create or replace macro event_keyword_matches_of(scoped) as table
with texts as (
    select e.event_id, e.label || ' ' || coalesce(string_agg(d.title, ' '), '') as haystack
    from (from events where not scoped or event_id in (select event_id from refresh_events)) e
    left join scoped_links(scoped) ed on ed.event_id = e.event_id
    left join scoped_documents(scoped) d on d.doc_id = ed.doc_id
    group by e.event_id, e.label
)
select t.event_id, k.keyword
from texts t
join severity_keywords k on contains(t.haystack, k.keyword);

create or replace view event_keyword_matches_live as
from event_keyword_matches_of(false);

-- Every (event, source) with a linked document, timed or not; stored as event_sources.
create or replace macro event_sources_of(scoped) as table
select distinct ed.event_id, d.source_id
from scoped_links(scoped) ed
join scoped_documents(scoped) d on d.doc_id = ed.doc_id;

create or replace view event_sources_live as
from event_sources_of(false);

create or replace view event_severities as
with matched as (
    select
        e.event_id,
        list(k.keyword order by k.keyword) filter (where k.keyword is not null) as matched_keywords,
        bool_or(k.severity = 'major') and not coalesce(bool_or(k.severity = 'none'), false) as has_major
    from events e
    left join event_keyword_matches m on m.event_id = e.event_id
    left join severity_keywords k on k.keyword = m.keyword
    group by e.event_id
),
final as (
    select
        m.event_id,
        coalesce(a.severity, case when m.has_major then 'major' else 'other' end) as severity,
        case when a.severity is not null then 'analyst' when m.has_major then 'keywords' else 'default' end
            as severity_source,
        case when m.has_major then 'major' else 'other' end as suggested_severity,
        coalesce(m.matched_keywords, []) as matched_keywords
    from matched m
    left join event_severity a on a.event_id = m.event_id
)
select * from final;

-- Regions of every event: the rows of event_regions when the match stage wrote any for it; otherwise the
-- regions of the sources (media and official) that published on it.
create or replace view event_region_list as
with stored as (
    select event_id, region, 'event_regions' as region_from
    from event_regions
),
derived as (
    select distinct es.event_id, s.region, 'sources' as region_from
    from event_sources es
    join sources s on s.source_id = es.source_id
    where s.region is not null and s.region <> ''
      and es.event_id not in (select event_id from stored)
),
final as (
    select * from stored
    union all
    select * from derived
)
select * from final;

-- Official sources responsible for an event: their region contains (is a prefix of) one of the event's
-- regions. role 'first' marks the most local responsible government(s) (属地: the longest region),
-- 'upper' the governments above it.
create or replace macro event_responsible_sources_of(scoped) as table
with official as (
    select source_id, region, channel, level
    from sources
    where kind = 'official' and region is not null and region <> ''
),
-- starts_with(event region, source region), as an equality join on every prefix of the event region.
prefixes as (
    select r.event_id, r.region, substr(r.region, 1, n) as prefix
    from (from event_region_list where not scoped or event_id in (select event_id from refresh_events)) r,
         unnest(range(1, length(r.region) + 1)) t(n)
),
matched as (
    select r.event_id, o.source_id, o.channel, o.level, o.region as source_region,
           min(r.region) as event_region
    from prefixes r
    join official o on o.region = r.prefix
    group by r.event_id, o.source_id, o.channel, o.level, o.region
),
-- The longest region per event by a grouped join, not a window: a filter on event_id then reaches the tables.
longest as (
    select event_id, max(length(source_region)) as longest
    from matched
    group by event_id
),
final as (
    select
        m.*,
        case when length(m.source_region) = l.longest then 'first' else 'upper' end as role
    from matched m
    join longest l on l.event_id = m.event_id
)
select * from final;

create or replace view event_responsible_sources_live as
from event_responsible_sources_of(false);

-- The stored responsible sources (event_responsible_source_facts, rebuilt by db.refresh_analysis from the view above).
create or replace view event_responsible_sources as
select event_id, source_id, channel, level, source_region, event_region, role
from event_responsible_source_facts;

-- The regions of the sources that published on each event (event_sources): an event is in the region $region of
-- event_list, week_summary and dash_week_trend when one of its rows here has a region starting with it.
create or replace view event_source_regions as
select distinct es.event_id, s.region
from event_sources es
join sources s on s.source_id = es.source_id;
