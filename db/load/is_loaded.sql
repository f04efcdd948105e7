select count(*) > 0 as loaded from loaded_files where sha256 = $sha256;
