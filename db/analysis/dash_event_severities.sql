-- Severity of the given events as the rule clocks use it (event_severities): the analyst's, else suggested by keywords.
select event_id, severity, severity_source, suggested_severity, matched_keywords
from event_severities
where event_id in (select unnest($event_ids::varchar[]));
