-- One event's first timed document time (NULL when it has none), as event_list orders and scopes by it.
select first_at from event_facts where event_id = $event_id;
