-- The base tables of the analysis file being published (attached read-only as `publish_source`), with row counts.
select table_name, estimated_size as n_rows
from duckdb_tables()
where database_name = 'publish_source' and schema_name = 'main' and not temporary
order by table_name;
