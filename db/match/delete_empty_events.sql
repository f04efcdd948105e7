-- Events left without documents by a merge, split or rejection.
delete from events where event_id not in (select event_id from event_documents);
