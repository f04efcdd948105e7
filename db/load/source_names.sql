select name, kind from sources;
