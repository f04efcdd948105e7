"""The compiled IDF and TF-IDF sums (`pipeline.match.termmath`) equal, to the bit, the Python arithmetic they
replaced: a link decision must not change with the machine code that computes it."""

from __future__ import annotations

import math
from array import array

import numpy as np
import pytest

from pipeline.match.termmath import idf_values, text_sums


def _python_idf(df: list[int], prior: list[float], n_docs: int, p: float, tid: int) -> float:
    return math.log((n_docs + p + 1.0) / (df[tid] + p * prior[tid] + 1.0))


@pytest.mark.parametrize("seed", range(4))
def test_idf_and_sums_equal_the_python_arithmetic(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n_terms, n_docs, p = 500, int(rng.integers(1, 2_000_000)), 1e6
    df = rng.integers(0, n_docs + 1, size=n_terms).tolist()
    prior = np.exp(-rng.uniform(2.0, 14.0, size=n_terms)).tolist()
    old_ids = array("i", rng.choice(n_terms, size=40, replace=False).tolist())
    old_weights = array("f", rng.uniform(0.2, 6.0, size=40).tolist())
    new_terms, new_weights = rng.choice(n_terms, size=60, replace=False), rng.uniform(0.2, 6.0, 60)
    new = {int(t): float(w) for t, w in zip(new_terms, new_weights, strict=True)}
    shared = sorted(set(new) & set(old_ids))
    head = set(shared[::2]) | {t for t in new if rng.random() < 0.3}

    idfs = [_python_idf(df, prior, n_docs, p, tid) for tid in old_ids]
    expected_dot = expected_norm = expected_mass = expected_head = 0.0
    for tid, w, idf in zip(old_ids, old_weights, idfs, strict=True):
        expected_norm += (w * idf) ** 2
        expected_mass += idf
        if tid in new:
            expected_dot += w * new[tid] * idf * idf
        if tid in head:
            expected_head += idf

    df_array, prior_array = np.array(df, dtype=np.int64), np.array(prior)
    got_idfs = idf_values(np.array(old_ids, dtype=np.int64), df_array, prior_array, n_docs, p).tolist()
    new_ids = np.array(sorted(new), dtype=np.int64)
    got = text_sums(
        np.frombuffer(old_ids, dtype=np.int32), np.frombuffer(old_weights, dtype=np.float32), df_array, prior_array,
        n_docs, p, new_ids, np.array([new[t] for t in new_ids.tolist()]), np.array(sorted(head), dtype=np.int64),
    )
    assert got_idfs == idfs
    assert got == (expected_dot, expected_norm, expected_mass, expected_head)
    assert expected_dot > 0.0 and expected_head > 0.0, "the case shares terms with the new text and its head"
