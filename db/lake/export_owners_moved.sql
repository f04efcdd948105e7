-- Records of documents whose earliest capture arrived after the capture being exported.
select doc_key, record, file_name, line from lake.lake_documents
where source_id in (select source_id from lake_export_owners) and doc_key in (select doc_key from lake_export_owners);
