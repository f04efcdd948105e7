"""The IDF arithmetic and the TF-IDF sums of a text comparison, compiled (numba): per term, a few floating-point
operations that a Python loop spent a microsecond each on.

The arithmetic is the Python code's, operation for operation, so the results are the same to the bit.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def _idf(tid: int, df: np.ndarray, prior: np.ndarray, top: float, prior_docs: float) -> float:  # pragma: no cover
    return math.log(top / (df[tid] + prior_docs * prior[tid] + 1.0))


@njit(cache=True, nogil=True)
def idf_values(
    tids: np.ndarray, df: np.ndarray, prior: np.ndarray, n_docs: int, prior_docs: float
) -> np.ndarray:  # pragma: no cover - compiled; `TermStats.idf` is the formula
    top = n_docs + prior_docs + 1.0
    out = np.empty(len(tids), dtype=np.float64)
    for i in range(len(tids)):
        out[i] = _idf(tids[i], df, prior, top, prior_docs)
    return out


@njit(cache=True, nogil=True)
def _position(sorted_ids: np.ndarray, tid: int) -> int:  # pragma: no cover - compiled
    """Where `tid` is in `sorted_ids`, or -1."""
    at = np.searchsorted(sorted_ids, tid)
    return at if at < len(sorted_ids) and sorted_ids[at] == tid else -1


@njit(cache=True, nogil=True)
def text_sums(
    term_ids: np.ndarray, weights: np.ndarray, df: np.ndarray, prior: np.ndarray, n_docs: int, prior_docs: float,
    new_ids: np.ndarray, new_weights: np.ndarray, new_head: np.ndarray,
) -> tuple[float, float, float, float]:  # pragma: no cover - compiled; `decision.text_similarity` documents it
    top = n_docs + prior_docs + 1.0
    dot = norm_sq = mass = in_new_head = 0.0
    for i in range(len(term_ids)):
        tid = term_ids[i]
        w = np.float64(weights[i])
        idf = _idf(tid, df, prior, top, prior_docs)
        scaled = w * idf
        norm_sq += scaled * scaled
        mass += idf
        at = _position(new_ids, tid)
        if at >= 0:
            dot += w * new_weights[at] * idf * idf
        if _position(new_head, tid) >= 0:
            in_new_head += idf
    return dot, norm_sq, mass, in_new_head
