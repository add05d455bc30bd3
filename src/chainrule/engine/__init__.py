"""The nodes of the computational graph, one concept per module.

Each node's ``forward`` and ``backward`` sit side by side; the functions below
(``add``, ``sigmoid``, …) apply a fresh node to tensors.
"""

from chainrule.engine.activations import (
    Abs,
    ReLU,
    Sigmoid,
    Softmax,
    Tanh,
    abs,
    relu,
    sigmoid,
    softmax,
    tanh,
)
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
from chainrule.engine.losses import (
    OutputLoss,
    SigmoidBinaryCrossEntropy,
    SoftmaxCrossEntropy,
    half_sse,
    hinge,
    mse,
    sigmoid_binary_cross_entropy,
    softmax_cross_entropy,
)
from chainrule.engine.matmul import MatMul, Transpose, matmul, transpose
from chainrule.engine.reductions import Max, Mean, Sum, max, mean, sum

__all__ = [
    "Abs",
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
    "OutputLoss",
    "Power",
    "ReLU",
    "Reciprocal",
    "Sigmoid",
    "SigmoidBinaryCrossEntropy",
    "Softmax",
    "SoftmaxCrossEntropy",
    "Subtract",
    "Sum",
    "Tanh",
    "Transpose",
    "abs",
    "add",
    "dense",
    "divide",
    "exp",
    "half_sse",
    "hinge",
    "log",
    "matmul",
    "max",
    "mean",
    "mse",
    "multiply",
    "negate",
    "power",
    "reciprocal",
    "relu",
    "sigmoid",
    "sigmoid_binary_cross_entropy",
    "softmax",
    "softmax_cross_entropy",
    "subtract",
    "sum",
    "tanh",
    "transpose",
]
