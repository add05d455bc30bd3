"""chainrule: train neural networks by backpropagation and see every step of the chain rule.

The engine is a computational graph (the chain-rule slides): :class:`Tensor` values flow forward
through :class:`Node` operations, and :meth:`Tensor.backward` sends the gradients back.
"""

from .draw import GraphPicture, draw_graph, draw_network
from .errors import ChainruleError, DivergenceError, TrainingInterrupted
from .examples import apple_graph, chain_graph, mazur_spec, sigmoid_graphs
from .explain import Explanation, explain
from .gradcheck import check_gradients, numerical_gradient
from .graph import graph_dict
from .layers import Dense, Network
from .losses import LOSSES
from .model import Classifier
from .modelfile import load_model as load
from .optimizers import SGD, Adam
from .regressor import Regressor
from .spec import Spec, load_spec, parse_spec
from .tensor import Node, Tensor, no_grad
from .trace import StepTrace, trace_step
from .training import accuracy, evaluate_loss, train, train_step
from .version import __version__

__all__ = [
    "LOSSES",
    "SGD",
    "Adam",
    "ChainruleError",
    "Classifier",
    "Dense",
    "GraphPicture",
    "Network",
    "Node",
    "Spec",
    "StepTrace",
    "Tensor",
    "__version__",
    "accuracy",
    "apple_graph",
    "chain_graph",
    "check_gradients",
    "draw_graph",
    "draw_network",
    "evaluate_loss",
    "graph_dict",
    "load",
    "load_spec",
    "mazur_spec",
    "no_grad",
    "numerical_gradient",
    "parse_spec",
    "sigmoid_graphs",
    "trace_step",
    "train",
    "train_step",
]
__all__ += ["DivergenceError", "TrainingInterrupted"]  # training that stops
__all__ += ["Explanation", "explain"]  # chainrule explain, one step on the page
__all__ += ["Regressor"]  # regression: real-valued targets

from .exercises import check, exercise  # noqa: E402  (chainrule exercise and check)

__all__ += ["check", "exercise"]
