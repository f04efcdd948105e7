-- Words that mark an event as a drill or exercise: a 核与辐射事故应急演练 names 事故 but is no emergency.
-- A keyword of severity 'none' cancels the keyword suggestion (an analyst can still set any severity).
insert into severity_keywords (keyword, severity) values
    ('演练', 'none'), ('演习', 'none'), ('模拟', 'none'), ('安全教育', 'none'), ('警示教育', 'none')
on conflict do nothing;
