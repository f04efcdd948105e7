-- The temporary tables a refresh worked with (refresh/input_digests.sql and after), dropped at its end.
drop table if exists temp.copy_hashes;
drop table if exists temp.current_event_digests;
drop table if exists temp.current_source_day_digests;
drop table if exists temp.changed_source_days;
drop table if exists temp.refresh_source_weeks;
drop table if exists temp.refresh_source_days;
drop table if exists temp.refreshed_outages;
drop table if exists temp.changed_outage_sources;
