"""Judging the clocks: rule clocks and their effective dates (rules), press events (press), site health.

In: events and documents in the database. Out: rows the analysis views read; the views themselves are SQL in db/.
"""
