"""Documents -> events: tokenising, places, the evidence two texts share, the decision to link, and the
incremental run over the database (linking) with analyst corrections.

In: `documents` rows. Out: `events` and `event_documents` with the evidence that linked each document.
"""
