-- Which of a batch's landing files (by SHA-256) the ledger already has.
select sha256 from lake.lake_files where sha256 in (select sha256 from lake_staged_files);
