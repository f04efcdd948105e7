-- One outcome per item and run: the first recorded wins. Articles are stored when their document is new.
insert into item_outcomes (run_id, source_id, url, doc_id, outcome, reason, recorded_at)
select run_id, source_id, url, doc_id, outcome, reason, recorded_at from (
    select s.run_id, s.source_id, s.url, s.doc_id,
           case when d.doc_id is null then 'stored' else 'duplicate' end as outcome,
           case when d.doc_id is null then 'new document' else 'document already captured; last_seen_at updated' end
               as reason,
           s.recorded_at
    from staged_outcome_documents s left join documents d using (doc_id)
    union all
    select run_id, source_id, url, doc_id, outcome, reason, recorded_at from staged_outcomes
)
on conflict do nothing;
