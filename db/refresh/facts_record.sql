insert or replace into analysis_refresh (name, fingerprint, refreshed_at) values ($name, $fingerprint, now());
