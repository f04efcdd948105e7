"""Reading one page: bytes -> text (encoding), strings -> times (dates), page -> title, publish time, declared
source and body (article), source names -> outlet classes (outlets).

In: raw bytes and the source's time zone. Out: `core.records.Extracted` and `ParsedTime`. Used by the crawlers
and by the loader; imports only `pipeline.core`.
"""
