"""The learned link decision: a logistic regression over the explainable features of `pipeline.match.features`.

Its coefficients are a small JSON file in the repository (`pipeline/data/link_model.json`), written by
`python -m pipeline.match.train` from the labelled sets; matching only reads them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "link_model.json"


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
    def _plans(self) -> dict[tuple[str, ...], tuple[tuple[float, float], ...]]:
        """Per order of feature names (the keys of what `bound` is given): their `_slack`, in that order."""
        return {}

    def _plan(self, names: tuple[str, ...]) -> tuple[tuple[float, float], ...]:
        plan = self._plans.get(names)
        if plan is None:
            slack = self._slack
            # A name the model does not weigh adds w · x - top = 0 · x - 0: the total is unchanged.
            plan = self._plans[names] = tuple(slack.get(name, (0.0, 0.0)) for name in names)
        return plan

    def bound(self, known: Mapping[str, float]) -> float:
        """The highest logit reachable whatever the features not in `known` are (each lies in [0, 1]).

        Called for every candidate event, always with the same names: their weights are looked up once per order
        of names (`_plan`), then summed in that order."""
        total = self._ceiling
        for (w, top), value in zip(self._plan(tuple(known)), known.values(), strict=True):
            total += w * value - top
        return total

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
