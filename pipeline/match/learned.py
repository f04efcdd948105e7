"""The learned link decision: a logistic regression over the explainable features of `pipeline.match.features`.

Its coefficients are a small JSON file in the repository (`pipeline/data/link_model.json`), written by
`python -m pipeline.match.train` from the labelled sets; matching only reads them.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "link_model.json"
# Far above the rounding of a sum of a few dozen products of weights and features in [0, 1], far below any margin
# that matters.
_ROUNDING = 1e-9


class _Plan(NamedTuple):
    """The weights of features given in one order of names: for `LinkModel.bound` and `LinkModel.below`."""

    slack: tuple[tuple[float, float], ...]  # (w, max(w, 0)) per name
    weights: tuple[float, ...]  # w per name
    base: float  # the ceiling less what these names add to it at their best


@dataclass(frozen=True)
class LinkModel:
    names: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    cutoff: float  # probability from which a document joins the event
    trained_on: tuple[str, ...] = ()  # the labelled sets it was fitted on

    @property
    def cutoff_logit(self) -> float:
        return math.log(self.cutoff / (1.0 - self.cutoff))

    def logit(self, values: Mapping[str, float]) -> float:
        return self.intercept + sum(w * values.get(name, 0.0) for name, w in zip(self.names, self.coef, strict=True))

    def probability(self, values: Mapping[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-self.logit(values)))

    @cached_property
    def _slack(self) -> dict[str, tuple[float, float]]:
        """Per feature: its weight, and what it adds to `_ceiling`."""
        return {name: (w, max(w, 0.0)) for name, w in zip(self.names, self.coef, strict=True)}

    @cached_property
    def _ceiling(self) -> float:
        """The highest logit: every feature with a positive weight at 1, the others at 0."""
        return self.intercept + sum(max(w, 0.0) for w in self.coef)

    @cached_property
    def _plans(self) -> dict[tuple[str, ...], _Plan]:
        """Per order of feature names (the keys of what `bound` is given): their weights in that order."""
        return {}

    def _plan(self, names: tuple[str, ...]) -> _Plan:
        plan = self._plans.get(names)
        if plan is None:
            # A name the model does not weigh adds w · x - top = 0 · x - 0: the total is unchanged.
            slack = tuple(self._slack.get(name, (0.0, 0.0)) for name in names)
            base = self._ceiling - sum(top for _, top in slack)
            plan = self._plans[names] = _Plan(slack, tuple(w for w, _ in slack), base)
        return plan

    def bound(self, known: Mapping[str, float]) -> float:
        """The highest logit reachable whatever the features not in `known` are (each lies in [0, 1]).

        Called for every candidate event, always with the same names: their weights are looked up once per order
        of names (`_plan`), then summed in that order."""
        total = self._ceiling
        for (w, top), value in zip(self._plan(tuple(known)).slack, known.values(), strict=True):
            total += w * value - top
        return total

    def below(self, known: Mapping[str, float], floor: float) -> bool:
        """`bound(known) < floor`, the same answer at half the cost: the bound is summed in another order (in C),
        which can differ from `bound`'s in the last bits only, so `bound` itself decides within 1e-9 of `floor`."""
        plan = self._plan(tuple(known))
        fast = plan.base + sum(map(operator.mul, plan.weights, known.values()))
        if abs(fast - floor) > _ROUNDING:
            return fast < floor
        return self.bound(known) < floor

    def contributions(self, values: Mapping[str, float], limit: int = 6) -> tuple[tuple[str, float], ...]:
        """The features that weighed most in this decision, each with its share of the logit (w · x)."""
        parts = [(name, w * values.get(name, 0.0)) for name, w in zip(self.names, self.coef, strict=True)]
        parts = [(name, round(part, 3)) for name, part in parts if part]
        return tuple(sorted(parts, key=lambda p: (-abs(p[1]), p[0]))[:limit])

    def to_json(self) -> str:
        data = {
            "names": list(self.names),
            "coef": [round(c, 6) for c in self.coef],
            "intercept": round(self.intercept, 6),
            "cutoff": self.cutoff,
            "trained_on": list(self.trained_on),
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LinkModel:
        data = json.loads(text)
        return cls(
            tuple(data["names"]),
            tuple(float(c) for c in data["coef"]),
            float(data["intercept"]),
            float(data["cutoff"]),
            tuple(data.get("trained_on", ())),
        )


def load_model(path: Path = MODEL_PATH) -> LinkModel:
    return LinkModel.from_json(path.read_text(encoding="utf-8"))
