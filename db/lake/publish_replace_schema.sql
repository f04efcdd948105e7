-- Inside the publish transaction: the previous published copy goes, an empty schema takes its place.
drop schema if exists lake.analysis cascade;
create schema lake.analysis;
