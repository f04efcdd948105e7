-- Documents a landing file captured earlier than the lake had them: their record is replaced.
delete from lake.lake_documents
where source_id = $source_id and doc_key in (select doc_key from lake_staged_replaced);
