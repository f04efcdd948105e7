"""What people read: the weekly digest (Markdown, HTML, PDF), sending it by mail, and its timetable.

In: the analysis views. Out: files in the output folder and messages sent.
"""
