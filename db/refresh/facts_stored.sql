select fingerprint from analysis_refresh where name = $name;
