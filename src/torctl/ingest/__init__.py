"""Importing a ToR document (Word, PDF, plain text, Markdown) as a draft body file.

`readers` turns a document into an outline (headings, numbered clauses, list items
and table rows, in document order); `sections` finds the sections a ToR has and the
bodies a document holds; `phrases`, `rules` and `members` turn only the passages
they read with certainty into data; `draft` assembles a body, with every passage it
could not read as an open question. Nothing here names a command-line option.
"""
