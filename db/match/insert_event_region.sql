insert into event_regions (event_id, region) values ($event_id, $region) on conflict do nothing;
