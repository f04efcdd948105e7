-- Store every digest (after a full rebuild).
delete from event_input_digests;
insert into event_input_digests select event_id, digest from current_event_digests;
delete from source_day_digests;
insert into source_day_digests select source_id, day, digest from current_source_day_digests;
