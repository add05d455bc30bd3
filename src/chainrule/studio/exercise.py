"""Exercise mode: the learner types the step's numbers on the network and the server checks.

The problem is the page's network and its one sample (a one-sample textbook example, as
Mazur's): :func:`chainrule.teach.exercises.check` says for each typed number right, wrong or
missing and, for a wrong one, the known mistake that gives it. Each quantity sits on the
network where the page draws it: net, out, E, δ and ∂E/∂out on their neuron (``n1_0``),
∂E/∂w and w⁺ on their edge (``w5``), ∂E/∂b and b⁺ on the first neuron of their layer,
E_total on the first output neuron.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.studio.protocol import ProtocolError
from chainrule.teach.exercises import Problem, check
from chainrule.teach.exercises.problem import from_data

NEURON = re.compile(r"_([ho][0-9]+(?:_[0-9]+)?)")
PARAMETER = re.compile(r"(?:^|/d)([wb][0-9]+)\+?$")


class Exercises:
    """The exercise part of :class:`~chainrule.studio.session.Session`."""

    spec: Any
    points: np.ndarray
    config: Any
    network: Any

    def exercise_problem(self) -> Problem | None:
        """The page's network and sample as a problem; None unless a one-sample example."""
        if self.spec is None or len(self.points) != 1:
            return None
        try:
            return from_data(self.to_spec())  # type: ignore[attr-defined]
        except ChainruleError:
            return None  # a network the exercises cannot take (none of the textbook ones)

    def exercise_view(self) -> list[dict[str, str]] | None:
        """Each asked name and where the page puts its box: ``{"name", "anchor"}`` with
        the anchor a neuron (``n1_0``) or an edge (``w5``); None without an exercise."""
        problem = self.exercise_problem()
        if problem is None:
            return None
        nodes = {
            self.neuron_name(k, j): f"n{k}_{j}"  # type: ignore[attr-defined]
            for k, lay in enumerate(self.network.layers)
            for j in range(lay.units)
        }
        biases = {
            name: f"n{k}_0"
            for k, row in enumerate(self.names()["b"])  # type: ignore[attr-defined]
            for name in row
        }
        last = f"n{len(self.network.layers) - 1}_0"
        view = []
        for name in problem.ask:
            param = PARAMETER.search(name)
            neuron = NEURON.search(name)
            if param and param.group(1).startswith("w"):
                anchor = param.group(1)
            elif param:
                anchor = biases.get(param.group(1), last)
            elif neuron:
                anchor = nodes.get(neuron.group(1), last)
            else:
                anchor = last  # E_total
            view.append({"name": name, "anchor": anchor})
        return view

    def check_answers(self, answers: dict[str, str]) -> dict[str, Any]:
        """The ``checked`` reply: per name its state (right, wrong, missing) and, for a
        wrong one, the diagnosis code and its explanation in the page's language."""
        problem = self.exercise_problem()
        if problem is None:
            raise ProtocolError(
                "check: the exercise needs a one-sample textbook example, like mazur", "dataset"
            )
        truth = problem.solution()
        for name in answers:
            if name not in truth:
                raise ProtocolError(
                    f"answer name {name!r} is unknown: expected names like "
                    f"{', '.join(problem.ask[:4])}",
                    name,
                )
        typed = {n: v for n, v in answers.items() if v.strip()}
        report = check(problem, typed, lang=self.config.lang)
        results = {}
        for r in report.results:
            item: dict[str, Any] = {"state": r.status}
            if r.status == "wrong":
                item["diagnosis"] = r.diagnosis
                item["explanation"] = report.explanation(r)
            results[r.name] = item
        return {"type": "checked", "results": results, "all_right": not report.wrong}
