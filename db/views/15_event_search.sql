-- What event_search_text stores (rebuilt with the event facts): per event, its label and the distinct titles of its
-- documents, lower-cased, one a line. A word without a line break is in the text exactly when it is in the label or
-- in one of the titles; the dashboard's search words are split at whitespace.
create or replace macro event_search_text_of(scoped) as table
select
    e.event_id,
    concat_ws(chr(10), lower(e.label), string_agg(distinct lower(d.title), chr(10) order by lower(d.title))) as text
from (from events where not scoped or event_id in (select event_id from refresh_events)) e
left join scoped_links(scoped) ed on ed.event_id = e.event_id
left join scoped_documents(scoped) d on d.doc_id = ed.doc_id
group by e.event_id, e.label;

create or replace view event_search_text_live as
from event_search_text_of(false);
