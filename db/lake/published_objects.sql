-- Tables and views of the published copy (what `tracker lake-publish` wrote), by kind and name.
select 'table' as kind, table_name as name from duckdb_tables() where database_name = 'lake' and schema_name = 'analysis'
union all
select 'view', view_name from duckdb_views() where database_name = 'lake' and schema_name = 'analysis'
order by kind, name;
