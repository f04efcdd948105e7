"""Documents -> events: tokenising, places, the evidence two texts share, the learned decision to link (trained by
`python -m pipeline.match.train`), and the incremental run over the database (linking) with analyst corrections.

In: `documents` rows. Out: `events` and `event_documents` with the evidence that linked each document.
"""
