insert into loaded_files (sha256, file_name, n_records, loaded_at) values ($sha256, $file_name, $n_records, $loaded_at);
