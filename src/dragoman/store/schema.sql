-- Dragoman store: the DuckDB schema (see SCHEMA.md for what each column means).
--
-- One row in `articles` per stored article; every other coded table hangs off
-- it by `article_id` and is written in the same transaction, so an article is
-- either stored whole or not at all.  Ids inside an article (actor "a1", event
-- "e1", quote "q1") are the record's own ids and are unique per article only.
-- Statements are separated by ";" at line end and are all idempotent.

CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,          -- record id: the input's id or sha256 prefix of the text
    source VARCHAR,
    url VARCHAR,
    title VARCHAR,
    published VARCHAR,               -- YYYY-MM-DD as in the record, or NULL
    language VARCHAR,
    text VARCHAR NOT NULL,           -- the cleaned body; every offset points into it
    origin VARCHAR,                  -- PATH[:LINE] the article was read from
    run_id BIGINT,                   -- ingest_runs.id of the run that stored it
    ingested_at TIMESTAMP,
    coder_version VARCHAR            -- the record's coder_version (dragoman.version); NULL: stored before it existed
);

-- Schema 2: stores made before coder_version get the column (NULL, so `ingest --recode` re-codes them).
ALTER TABLE articles ADD COLUMN IF NOT EXISTS coder_version VARCHAR;

CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,             -- "a1", unique within the article
    name VARCHAR,
    kind VARCHAR,                    -- person|organization|country|group|anonymous
    country VARCHAR,                 -- ISO 3166-1 alpha-3, IGO, or NULL
    sector VARCHAR,                  -- GOV MIL ... or NULL
    role VARCHAR,
    code VARCHAR                     -- CAMEO-style actor code, e.g. ISRGOV
);

CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,            -- order within the actor's mentions
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR
);

CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,             -- "e1", unique within the article
    type VARCHAR,                    -- PLOVER type
    mode VARCHAR,
    context VARCHAR[],
    cameo VARCHAR,
    root_code VARCHAR,               -- first two digits of cameo
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_score DOUBLE,
    location_name VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    date VARCHAR,                    -- YYYY-MM-DD, YYYY-MM, YYYY or NULL, as in the record
    date_text VARCHAR,
    date_precision VARCHAR,
    status VARCHAR,                  -- asserted|future|hypothetical|negated
    reported_by VARCHAR,             -- actor id of the speaker, or NULL
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text VARCHAR,
    confidence DOUBLE,
    day DATE,                        -- query date: the event's full-day date; NULL when date_source is none or the date is coarser than a day
    cluster_key VARCHAR,             -- status | type | actor keys | recipient keys (dedup key)
    cluster_id VARCHAR,              -- event_clusters.id
    date_source VARCHAR,             -- text|dateline|published|none (SPEC §2); NULL: stored before schema 3
    location_source VARCHAR          -- clause|sentence|paragraph|dateline|article, or NULL
);

-- Schema 3: stores made before date_source / location.source get the columns (NULL).
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_source VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_source VARCHAR;

CREATE TABLE IF NOT EXISTS event_actors (
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,           -- actor|recipient
    seq INTEGER NOT NULL             -- order within the event's list
);

CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,             -- "q1"
    text VARCHAR,
    kind VARCHAR,                    -- direct|indirect|mixed
    speaker VARCHAR,                 -- actor id or NULL
    speaker_text VARCHAR,
    cue VARCHAR,
    start_char INTEGER,
    end_char INTEGER
);

CREATE TABLE IF NOT EXISTS media (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    caption VARCHAR,
    credit VARCHAR,
    language VARCHAR
);

CREATE TABLE IF NOT EXISTS removed (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR,
    reason VARCHAR                   -- caption|credit|alt_text|foreign_script|source_line|boilerplate
);

CREATE TABLE IF NOT EXISTS timexes (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    value VARCHAR,
    date_precision VARCHAR           -- the record's `precision`
);

CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    name VARCHAR,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE
);

-- Cross-article dedup: events with the same cluster_key whose days fall in a
-- window of one day form one cluster (GDELT's NumArticles / NumSources).  The
-- key holds the status, so a cluster's reports all have one status.
CREATE TABLE IF NOT EXISTS event_clusters (
    id VARCHAR PRIMARY KEY,          -- derived from cluster_key and first_day: stable across runs
    cluster_key VARCHAR NOT NULL,
    type VARCHAR,
    status VARCHAR,                  -- the status of every report in it (part of cluster_key)
    first_day DATE,
    last_day DATE,
    num_mentions INTEGER,            -- events (reports) in the cluster
    num_articles INTEGER,            -- distinct articles
    num_sources INTEGER,             -- distinct sources (an article without one counts alone)
    article_id VARCHAR,              -- the representative report: earliest day, then article id, then event id
    event_id VARCHAR
);

-- Schema 4: status joins cluster_key (db.py re-keys an older store and rebuilds its clusters once).
ALTER TABLE event_clusters ADD COLUMN IF NOT EXISTS status VARCHAR;

CREATE SEQUENCE IF NOT EXISTS ingest_run_ids START 1;

CREATE TABLE IF NOT EXISTS ingest_runs (
    id BIGINT PRIMARY KEY,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,           -- NULL while running or when the run was killed
    paths VARCHAR,
    workers INTEGER,
    dask VARCHAR,
    stored INTEGER,
    duplicates INTEGER,
    skipped INTEGER,
    events INTEGER,
    quotes INTEGER,
    status VARCHAR                   -- running|done|interrupted
);

CREATE TABLE IF NOT EXISTS ingest_log (
    run_id BIGINT,
    logged_at TIMESTAMP,
    origin VARCHAR,
    article_id VARCHAR,
    outcome VARCHAR,                 -- stored|recoded|skipped
    reason VARCHAR
);
