"""Training the learned event coder from the team's hand-written corpus.

`corpus` reads and checks the corpus (data/training/*.jsonl); `examples` turns
it into spaCy training docs with the same features the coder reads at run
time (`dragoman.events.features`); `train` runs spaCy's trainer over the
configs in `configs/` and writes the weights into the package.
"""
