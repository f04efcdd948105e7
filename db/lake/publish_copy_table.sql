-- One table of the analysis file into the published schema. DuckLake has no keys or indexes: CREATE TABLE AS keeps
-- the columns and rows only. `{table}` is a name from the file's own catalog, checked as [a-z_][a-z0-9_]* first.
create table lake.analysis."{table}" as select * from publish_source.main."{table}";
