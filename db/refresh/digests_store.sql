-- Store the digests of the keys refreshed (refresh/dirty_keys.sql), the others being unchanged.
delete from event_input_digests where event_id in (select event_id from refresh_events);
insert into event_input_digests
select event_id, digest from current_event_digests where event_id in (select event_id from refresh_events);
delete from source_day_digests d using changed_source_days c where d.source_id = c.source_id and d.day = c.day;
insert into source_day_digests
select n.source_id, n.day, n.digest
from current_source_day_digests n
semi join changed_source_days c on c.source_id = n.source_id and c.day = n.day;
