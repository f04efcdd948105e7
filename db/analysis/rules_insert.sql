-- Add or replace a user-defined rule clock.
insert or replace into rules (rule_id, document, obligation, applies_to, clock_hours, effective_from, effective_to,
                              user_defined, note)
values ($rule_id, $document, $obligation, $applies_to, $clock_hours, $effective_from, $effective_to, true, $note);
