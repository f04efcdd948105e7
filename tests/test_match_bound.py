"""The learned decision's pruning: `LinkModel.below` answers exactly as `bound(...) < floor` does."""

from __future__ import annotations

import random

from pipeline.match.features import FEATURES
from pipeline.match.learned import load_model


def test_below_is_bound_under_floor() -> None:
    model = load_model()
    rng = random.Random(7)
    for _ in range(2000):
        names = rng.sample(FEATURES, rng.randint(1, len(FEATURES)))
        known = {name: rng.choice((0.0, 1.0, rng.random())) for name in names}
        bound = model.bound(known)
        for floor in (bound, bound - 1e-12, bound + 1e-12, model.cutoff_logit, rng.uniform(-10.0, 10.0)):
            assert model.below(known, floor) == (bound < floor)
