-- The kind and time zone of one source, to check and time a press event recorded against it.
select kind, timezone from sources where source_id = $source_id;
