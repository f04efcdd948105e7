insert into fetch_errors select * from staged_fetch_errors on conflict do nothing;
