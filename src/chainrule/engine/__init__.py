"""The nodes of the computational graph, one concept per module (activations and losses
are records of chainrule.nn, their nodes built from them).

Each node's ``forward`` and ``backward`` sit side by side; the functions below
(``add``, ``exp``, …) apply a fresh node to tensors.
"""

from chainrule.engine.arithmetic import (
    Add,
    Divide,
    Multiply,
    Negate,
    Subtract,
    add,
    divide,
    multiply,
    negate,
    subtract,
)
from chainrule.engine.dense import DenseNode, dense
from chainrule.engine.elementwise import Exp, Log, Power, Reciprocal, exp, log, power, reciprocal
from chainrule.engine.matmul import MatMul, Transpose, matmul, transpose
from chainrule.engine.reductions import Max, Mean, Sum, max, mean, sum

__all__ = [
    "Add",
    "DenseNode",
    "Divide",
    "Exp",
    "Log",
    "MatMul",
    "Max",
    "Mean",
    "Multiply",
    "Negate",
    "Power",
    "Reciprocal",
    "Subtract",
    "Sum",
    "Transpose",
    "add",
    "dense",
    "divide",
    "exp",
    "log",
    "matmul",
    "max",
    "mean",
    "multiply",
    "negate",
    "power",
    "reciprocal",
    "subtract",
    "sum",
    "transpose",
]
