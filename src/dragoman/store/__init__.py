"""The store: coded articles in an embedded DuckDB file (see SCHEMA.md).

``db.connect`` opens it, ``writer`` writes Documents, ``ingest`` runs
`dragoman ingest`, ``parallel`` places the coding (here, local processes,
Dask), ``dedup`` groups reports of one event, ``queries`` and ``export``
read it back, ``commands`` adds the CLI commands.
"""
