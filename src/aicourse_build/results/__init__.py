"""`aicourse results`: what learners did, per group and without identities.

ingest (sources -> Facts, identities dropped here) -> store (DuckDB) -> measure -> disclose ->
publish (HTML, PDF, JSON, CSV).
"""
