-- Rebuild the fetch facts (one pass over the fetches: cheap) and add to refresh_events the events whose stored rule
-- clocks or silent windows an outage that changed can reach: one of a responsible source whose clock or window ends
-- after the outage began (views/07 and views/10 join the outages on outage_start < deadline). Before the rule facts'
-- update, which reads these events and the new outages.
create or replace temp table refreshed_outages as
select * from source_outages_live;

create or replace temp table changed_outage_sources as
select source_id, min(outage_start) as since
from ((select * from refreshed_outages except all select * from source_outage_facts)
      union all
      (select * from source_outage_facts except all select * from refreshed_outages))
group by source_id;

insert into refresh_events
select c.event_id
from event_rule_clock_facts c
join changed_outage_sources o on o.source_id = c.source_id
where c.deadline > o.since
union
select w.event_id
from (select event_id, deadline, unnest(responsible_source_ids) as source_id from silent_window_facts) w
join changed_outage_sources o on o.source_id = w.source_id
where w.deadline > o.since
except
select event_id from refresh_events;

delete from source_outage_facts;
insert into source_outage_facts by name select * from refreshed_outages;
delete from source_fetch_week_facts;
insert into source_fetch_week_facts by name select * from source_fetch_weeks_live;
