-- The id another system gave a source, when `tracker import` had to turn it into a registry id.
alter table sources add column if not exists external_id varchar;
