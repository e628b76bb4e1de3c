"""Readers of the sources of results; each turns its input into facts and drops identities."""
