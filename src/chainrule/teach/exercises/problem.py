"""A problem: a network spec (one training sample) and the list of quantities asked.

Its JSON form is the spec file ``chainrule explain --spec`` reads plus ``"ask": [names]``
(``chainrule exercise --format json``); ``--spec`` of ``exercise`` and ``check`` reads it
back. The solution is the engine's own step (:func:`~chainrule.teach.trace.trace_step`), with
the step's rules switched for a known mistake when asked (:mod:`.mistakes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chainrule.errors import ChainruleError, did_you_mean
from chainrule.teach.examples import find_example
from chainrule.teach.exercises.names import canonical
from chainrule.teach.exercises.quantities import Quantity, quantities
from chainrule.teach.spec import Spec, parse_spec, read_spec_json
from chainrule.teach.step_rules import StepRules
from chainrule.teach.trace import StepTrace, trace_step

PROBLEM_FIELDS = ("ask", "answers")  # a sheet's JSON with --answers reads back too


@dataclass
class Problem:
    """A network spec as JSON data (one sample) and the answer names asked."""

    spec: dict[str, Any]
    ask: list[str] = field(default_factory=list)
    _solutions: dict[Any, dict[str, Quantity]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        truth = self.solution()  # checks the spec and that exercises can use it
        self.ask = [canonical(n) for n in self.ask] or default_ask(truth)
        unknown = [n for n in self.ask if n not in truth]
        if unknown:
            raise ChainruleError(
                f"ask: unknown name {unknown[0]!r}: expected names of this network's step, "
                f"like {', '.join(list(truth)[:4])}{did_you_mean(unknown[0], truth)}"
            )

    @property
    def name(self) -> str:
        return str(self.spec.get("name", "exercise"))

    @property
    def description(self) -> str:
        return str(self.spec.get("description", ""))

    def parsed(self) -> Spec:
        return parse_spec(self.spec, source=self.name)

    def trace(
        self,
        rules: StepRules | None = None,
        flip_biases: bool = False,
        skip_activation: frozenset[int] = frozenset(),
    ) -> StepTrace:
        """The step (with ``rules``; the biases trained or kept the other way round with
        ``flip_biases``; out = net in the layers of ``skip_activation``, 0 = the first) on a
        fresh copy of the network."""
        data = self.spec
        if skip_activation:
            data = {**data, "layers": [dict(layer) for layer in data["layers"]]}
            for k in skip_activation:
                data["layers"][k]["activation"] = "identity"
        s = parse_spec(data, source=self.name)
        train = s.train_biases != flip_biases
        return trace_step(s.network, s.inputs, s.targets, s.learning_rate, train, rules=rules)

    def solution(
        self,
        rules: StepRules | None = None,
        flip_biases: bool = False,
        skip_activation: frozenset[int] = frozenset(),
    ) -> dict[str, Quantity]:
        """Every named quantity of the step (the correct one by default), computed once."""
        key = (rules, flip_biases, skip_activation)
        if key not in self._solutions:
            trace = self.trace(rules, flip_biases, skip_activation)
            self._solutions[key] = quantities(trace, rules)
        return self._solutions[key]

    def answers(self) -> dict[str, float]:
        """The key: each asked name and its exact value."""
        truth = self.solution()
        return {n: truth[n].value for n in self.ask}

    def to_dict(self) -> dict[str, Any]:
        """The spec (the format ``--spec`` reads) plus ``"ask"``."""
        return {**self.spec, "ask": list(self.ask)}


def default_ask(truth: dict[str, Quantity]) -> list[str]:
    """Every quantity of the step but the single terms δ_o1·w5 of a hidden ∂E/∂out."""
    return [n for n in truth if not (n.startswith("dE_") and "/dout_" in n)]


def from_spec(spec: Spec) -> Problem:
    data = spec.to_dict()
    data["name"] = spec.name
    if spec.description:
        data["description"] = spec.description
    return Problem(data)


def from_example(name: str) -> Problem:
    """A built-in example (``chainrule explain --list``) as a problem."""
    return Problem(dict(find_example(name)))  # the old names seed003, seed004 too


def from_data(data: Any, source: str = "problem") -> Problem:
    """A problem from JSON data: a spec, with ``"ask"`` optionally."""
    if not isinstance(data, dict):
        raise ChainruleError(f"{source}: expected a JSON object")
    spec = {k: v for k, v in data.items() if k not in PROBLEM_FIELDS}
    ask = data.get("ask", [])
    if not isinstance(ask, list) or not all(isinstance(n, str) for n in ask):
        raise ChainruleError(f"{source}: ask must be a list of answer names")
    parse_spec(spec, source=source)  # the spec's own messages name the field
    spec.setdefault("name", Path(source).stem if source != "problem" else "exercise")
    return Problem(spec, [canonical(n) for n in ask])


def load(path: str | Path) -> Problem:
    """A problem file: a spec (``--spec``), with ``"ask"`` optionally."""
    return from_data(read_spec_json(path), source=str(path))
