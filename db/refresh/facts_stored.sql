select name, fingerprint from analysis_refresh;
