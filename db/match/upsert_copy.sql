insert into document_copies (doc_id, copied_doc_id, similarity) values ($doc_id, $copied_doc_id, $similarity)
on conflict (doc_id, copied_doc_id) do update set similarity = excluded.similarity;
