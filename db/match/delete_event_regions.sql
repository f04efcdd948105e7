delete from event_regions where list_contains($event_ids, event_id);
