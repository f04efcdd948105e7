-- Each event's searchable text, stored: its label and its documents' distinct titles, lower-cased, one a line. The
-- event search lower-cased every document's title and joined the matches to every link (1.75 s at 10 M documents);
-- it now reads one row per event. Rebuilt by db.refresh_analysis with event_source_facts (the same inputs: labels,
-- links and titles are in refresh/event_facts_fingerprint.sql).
create table if not exists event_search_text (
    event_id  varchar primary key,
    text      varchar -- lower(label) and lower(title) of every linked document, joined by newlines
);
-- The next db.refresh_analysis fills it.
delete from analysis_refresh where name = 'event_facts';
