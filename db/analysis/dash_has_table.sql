-- Whether a table or view of that name exists (the dashboard also reads databases of older schema versions).
select
    exists (select 1 from duckdb_tables() where table_name = $table)
    or exists (select 1 from duckdb_views() where view_name = $table) as present;
