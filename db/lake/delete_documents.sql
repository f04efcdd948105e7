-- Documents a batch captured earlier than the lake had them: their record is replaced.
delete from lake.lake_documents
where source_id in (select source_id from lake_staged_replaced)
  and doc_key in (select doc_key from lake_staged_replaced);
