-- The event a document is linked to (no row when it is not linked), with its title for new event labels.
select ed.event_id, d.title
from documents d
left join event_documents ed on ed.doc_id = d.doc_id
where d.doc_id = $doc_id;
