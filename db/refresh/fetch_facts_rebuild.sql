-- Rebuild the stored fetch facts from their definitions (views/05_source_outages.sql, views/11_site_health.sql).
delete from source_outage_facts;
insert into source_outage_facts by name select * from source_outages_live;
delete from source_fetch_week_facts;
insert into source_fetch_week_facts by name select * from source_fetch_weeks_live;
