-- A dashboard or digest reader of the published copy: one read-only transaction (one lake snapshot for every query
-- of the reader, so a publish committing meanwhile is seen whole or not at all), the published schema as default.
begin transaction read only;
use lake.analysis;
