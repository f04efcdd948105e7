select count(*) > 0 as loaded from lake.lake_files where sha256 = $sha256;
