-- Documents currently linked to an event.
select doc_id from event_documents where event_id = $event_id order by doc_id;
