-- The "now" of the analysis views: analysis_settings.as_of when set, otherwise the current time.
select coalesce(max(value_time) filter (where name = 'as_of'), now()) as as_of
from analysis_settings;
