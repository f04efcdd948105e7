-- Where the lake's Parquet files are (the only files a reader may open).
select data_path from ducklake_settings('lake');
