-- The repost class of each (event, source)'s first post (official_post_classes), stored with the other event facts
-- (views/01_document_times.sql, event_source_facts_live): event_official_responses read it from the table instead of
-- classifying every official document on every query (at 10 M documents that scan was most of each event view).
alter table event_source_facts add column if not exists first_repost_class varchar;
alter table event_source_facts add column if not exists first_copies_media_text boolean;
-- The next db.refresh_analysis rebuilds the event facts with the new columns.
delete from analysis_refresh where name = 'event_facts';
