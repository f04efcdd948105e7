-- Empty the keys of a refresh (db/facts.py fills them inside its transaction).
delete from refresh_events;
delete from refresh_links;
delete from refresh_documents;
