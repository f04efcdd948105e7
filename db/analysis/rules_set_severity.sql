-- An analyst sets an event's severity (major | other); it overrides the keyword suggestion.
insert or replace into event_severity (event_id, severity, set_by, set_at, note)
values ($event_id, $severity, $set_by, $set_at, $note);
