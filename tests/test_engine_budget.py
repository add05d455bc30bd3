"""The engine core fits in 1,000 lines, as teenygrad holds its own size with a test.

Counted: every non-blank line (code, docstrings and comments alike) of the engine core --
the tensor and its backward walk, the nodes that stay in the engine, the recorder and its
speed helpers, the flat parameter buffers and the plan. Every other module of
``chainrule/engine`` must be named below with the reason it is not counted, so that a new
module cannot grow the engine unseen.
"""

from __future__ import annotations

from pathlib import Path

import chainrule.engine

ENGINE = Path(chainrule.engine.__file__).parent
BUDGET = 1000

CORE = (
    "tensor.py",  # Tensor, Node (the protocol) and the backward walk
    "arithmetic.py",  # the nodes: + − · / and negation
    "elementwise.py",  # exp, log, reciprocal, power
    "matmul.py",  # matrix product and transpose
    "reductions.py",  # sum, mean, max
    "dense.py",  # the fully connected layer as one node
    "calls.py",  # the recorder: xp as NumPy or a Recording
    "fast.py",  # speed helpers beside the recorder
    "flat.py",  # parameters and gradients in one buffer
    "plan.py",  # the plan: the graph's nodes recorded and replayed
)
NOT_CORE = {
    "__init__.py": "re-exports the nodes' public names",
    "graph.py": "the graph as data for pictures and `chainrule graph`",
}


def non_blank_lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def test_every_engine_module_is_counted_or_named():
    modules = {p.name for p in ENGINE.glob("*.py")}
    assert modules - set(CORE) - set(NOT_CORE) == set()
    assert set(CORE) <= modules


def test_the_engine_core_fits_in_its_budget():
    sizes = {name: non_blank_lines(ENGINE / name) for name in CORE}
    assert sum(sizes.values()) <= BUDGET, sizes
