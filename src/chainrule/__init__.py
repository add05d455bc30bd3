"""chainrule: train neural networks by backpropagation and see every step of the chain rule.

The engine is a computational graph (the chain-rule slides): :class:`Tensor` values flow forward
through :class:`Node` operations, and :meth:`Tensor.backward` sends the gradients back.
"""

from chainrule.engine.graph import graph_dict
from chainrule.engine.tensor import Node, Tensor, no_grad
from chainrule.errors import ChainruleError, DivergenceError, TrainingInterrupted
from chainrule.nn import Dense, Network
from chainrule.nn.gradcheck import check_gradients, numerical_gradient
from chainrule.nn.losses import LOSSES
from chainrule.nn.optimizers import SGD, Adam
from chainrule.teach.draw import GraphPicture, draw_graph, draw_network
from chainrule.teach.examples import apple_graph, chain_graph, mazur_spec, sigmoid_graphs
from chainrule.teach.explain import Explanation, explain
from chainrule.teach.spec import Spec, load_spec, parse_spec
from chainrule.teach.trace import StepTrace, trace_step
from chainrule.training.classifier import Classifier
from chainrule.training.load import load_model as load
from chainrule.training.loop import accuracy, evaluate_loss, train, train_step
from chainrule.training.regressor import Regressor
from chainrule.version import __version__

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

from chainrule.teach.exercises import check, exercise  # noqa: E402  (chainrule exercise and check)

__all__ += ["check", "exercise"]
