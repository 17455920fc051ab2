"""The demo's one random generator: the same seed writes the same files."""

import random

SEED = 42
rng = random.Random(SEED)


def reseed():
    """Start the sequence again, so that every run in a process writes the same files."""
    rng.seed(SEED)
