"""Publishing `Results`: results.html (self-contained, accessible, printable), results.pdf,
results.json (schemas/results.schema.json) and CSV files of the tables.

data.py decides what may be published (a hidden figure keeps neither value nor count); html.py,
views.py and charts.py draw the report from that, tables.py writes the CSV, write.py the files.
"""

from aicourse_build.results.publish.write import publish

__all__ = ["publish"]
