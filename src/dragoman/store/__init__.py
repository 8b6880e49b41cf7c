"""The store: coded articles in an embedded DuckDB file (see SCHEMA.md).

``db.connect`` opens it, ``writer`` writes Documents, ``ingest`` runs
`dragoman ingest`, ``parallel`` places the coding (here, local processes,
Dask), ``recode`` re-codes articles of another coder version (`ingest --recode`),
``dedup`` groups reports of one event, ``queries`` and ``export``
read it back, ``commands`` adds the CLI commands.
"""
