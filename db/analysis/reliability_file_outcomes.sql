-- Outcomes recorded by one landing file's load, per source.
select source_id, outcome, count(*)::integer as n from item_outcomes where recorded_at = $recorded_at group by all;
