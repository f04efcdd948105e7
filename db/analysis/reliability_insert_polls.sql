insert into source_polls select * from staged_polls on conflict do nothing;
