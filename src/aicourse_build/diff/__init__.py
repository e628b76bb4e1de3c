"""`aicourse diff` and the update rules of `check`: what learners in progress and the LMS's
reports notice when one package replaces another.

footprint.py  the typed footprint of one package (what diff compares)
read.py       a footprint from a package's files: the built zip or the pipeline's, one reader
compare.py    two footprints -> the changes and a verdict (pages, questions, version)
tracking.py   the changes an LMS or LRS notices itself (ids, interactions, resume state)
sources.py    OLD/NEW as zips, build reports, manuscript folders or git revisions
rules.py      the rules `check --previous` and `build` apply against the previous build
"""
