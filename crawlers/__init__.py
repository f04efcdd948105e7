"""The Scrapy project: generic list-page and feed crawling into landing files. Never opens DuckDB."""
