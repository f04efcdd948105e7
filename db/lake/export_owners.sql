-- Records of the captured documents, looked up by the landing file that held them (prunes data files).
select doc_key, record, file_name, line from lake.lake_documents
where file_name in (select owner_file from lake_export_owners) and doc_key in (select doc_key from lake_export_owners);
