-- Every rule clock, built-in and user-defined, in the order they took effect.
select rule_id, document, obligation, applies_to, clock_hours, effective_from, effective_to, user_defined, note
from rules
order by effective_from, rule_id;
