insert into listings select * from staged_listings on conflict do nothing;
