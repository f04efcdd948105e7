-- The project's view SQL names tables without a schema: run it (and read it) with the published schema as default.
use lake.analysis;
