"""Export to ONNX: a trained network as a file that other runtimes and tools read.

When a model outgrows chainrule -- served from another language, run on a GPU or in a
browser, inspected in Netron -- ONNX is the common format (onnxruntime, ONNX's own
reference evaluator, and the importers of the large frameworks read it). The exported
graph is the forward pass, layer by layer, in JongSeobJ's matrix form:

    input   (N × inputs)
    scaled  = (input − offset) / scale       a Classifier's input scaling, computed in
                                             the dtype like chainrule's own (the input,
                                             offset and scale are in the dtype)
    net_k   = Gemm(out_{k−1}, W_k, b_k, transB=1) = out_{k−1}·W_kᵀ + b_k
    out_k   = the activation record's operator (Sigmoid, Relu, Softmax(axis=1), …) of net_k,
              or net_k itself for the identity
    output  = out_L                          (N × outputs)
    label   = ArgMax(output, axis=1)         (N; a Classifier's class index)
    output  = out_L · scale + offset         a Regressor's targets back in their units
                                             (float64, like its ``predict``)

W_k is stored as chainrule keeps it (units × inputs, ``W[j][i]`` from input i to neuron j);
a shared bias is one number that Gemm broadcasts to every neuron. A Classifier's class
names go into the file's metadata (``class_names``, JSON). Needs the optional ``onnx``
package: ``pip install "chainrule[onnx]"``.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import numpy as np

from chainrule.data.preprocessing import Scaler
from chainrule.errors import ChainruleError
from chainrule.nn import ACTIVATIONS, Network
from chainrule.training.classifier import Classifier
from chainrule.training.regressor import Regressor
from chainrule.util.atomic import atomic_write
from chainrule.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    import onnx

OPSET = 17


def _onnx() -> Any:
    try:
        import onnx
    except ImportError:
        raise ChainruleError(
            "ONNX export needs the onnx package: expected it installed "
            '(pip install "chainrule[onnx]")'
        ) from None
    return onnx


def _parts(source: Classifier | Network) -> tuple[Network, Scaler | None, list[str] | None]:
    if isinstance(source, Network):
        return source, None, None
    if isinstance(source, Classifier):
        if source.network is None or source.scaler is None:
            raise ChainruleError("the model is not trained yet: call fit first, then export")
        return source.network, source.scaler, source.class_names
    raise ChainruleError(
        f"cannot export a {type(source).__name__}: expected a Classifier or a Network"
    )


def onnx_model(source: Classifier | Network, opset: int = OPSET) -> onnx.ModelProto:
    """The ONNX model of a :class:`Classifier` (with its scaling, its outputs and class
    labels) or of a :class:`Network` (its outputs)."""
    onnx = _onnx()
    from onnx import TensorProto, helper, numpy_helper

    if not isinstance(opset, int) or not 13 <= opset <= onnx.defs.onnx_opset_version():
        raise ChainruleError(
            f"opset {opset!r}: expected a whole number from 13 to {onnx.defs.onnx_opset_version()}"
        )
    network, scaler, class_names = _parts(source)
    dtype = np.dtype(network.dtype)
    element = helper.np_dtype_to_tensor_dtype(dtype)
    nodes: list[Any] = []
    weights: list[Any] = []
    h = "input"
    if scaler is not None and scaler.kind != "none":
        for name, value in zip(("offset", "scale"), scaler.constants(dtype), strict=True):
            weights.append(numpy_helper.from_array(value, f"scaler.{name}"))
        nodes += [
            helper.make_node("Sub", [h, "scaler.offset"], ["centred"]),
            helper.make_node("Div", ["centred", "scaler.scale"], ["scaled"]),
        ]
        h = "scaled"
    last = len(network.layers)
    for k, layer in enumerate(network.layers, start=1):
        inputs = [h, f"layer{k}.weights"]
        weights.append(numpy_helper.from_array(layer.weights.data, f"layer{k}.weights"))
        if layer.biases is not None:
            inputs.append(f"layer{k}.biases")
            weights.append(numpy_helper.from_array(layer.biases.data, f"layer{k}.biases"))
        operator = ACTIVATIONS[layer.activation].onnx  # (name, attributes), None: identity
        op = None if operator is None else operator[0]
        net = "output" if k == last and op is None else f"layer{k}.net"
        nodes.append(helper.make_node("Gemm", inputs, [net], transB=1, name=f"layer{k}.dense"))
        h = net
        if op is not None:
            out = "output" if k == last else f"layer{k}.out"
            nodes.append(helper.make_node(op, [net], [out], name=f"layer{k}.{op}", **operator[1]))
            h = out
    output_type = element
    if isinstance(source, Regressor) and source.target_scaler is not None:
        output_type = _unstandardize(nodes, weights, source, TensorProto, helper, numpy_helper)
    outputs = [helper.make_tensor_value_info("output", output_type, ["N", network.output_size])]
    if class_names is not None:
        nodes.append(helper.make_node("ArgMax", ["output"], ["label"], axis=1, keepdims=0))
        outputs.append(helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]))
    graph = helper.make_graph(
        nodes,
        "chainrule",
        [helper.make_tensor_value_info("input", element, ["N", network.input_size])],
        outputs,
        weights,
    )
    model = helper.make_model(
        graph,
        producer_name="chainrule",
        producer_version=__version__,
        opset_imports=[helper.make_opsetid("", opset)],
    )
    metadata = {"loss": network.loss_name}
    if isinstance(source, Classifier):
        metadata["task"] = source.task
    if class_names is not None:
        metadata["class_names"] = json.dumps(class_names, ensure_ascii=False)
    helper.set_model_props(model, metadata)
    # the oldest IR version that carries this opset, so that older runtimes read the file
    model.ir_version = helper.find_min_ir_version_for(list(model.opset_import))
    onnx.checker.check_model(model, full_check=True)
    return model


def _unstandardize(
    nodes: list[Any], weights: list[Any], model: Regressor, proto: Any, helper: Any, arrays: Any
) -> int:
    """Append output = out · scale + offset (float64) to a regressor's graph, the last
    layer's out renamed ``output.standardized``; returns the output's element type."""
    for node in nodes:
        node.output[:] = ["output.standardized" if o == "output" else o for o in node.output]
    assert model.target_scaler is not None
    for name, value in model.target_scaler.arrays().items():
        weights.append(arrays.from_array(value, f"target_scaler.{name}"))
    nodes += [
        helper.make_node("Cast", ["output.standardized"], ["out.float64"], to=proto.DOUBLE),
        helper.make_node("Mul", ["out.float64", "target_scaler.scale"], ["output.scaled"]),
        helper.make_node("Add", ["output.scaled", "target_scaler.offset"], ["output"]),
    ]
    return proto.DOUBLE


def check_output(path: str | os.PathLike) -> None:
    """A :class:`ChainruleError` unless ``path`` names an ``.onnx`` file."""
    name = os.fspath(path)
    if not name.lower().endswith(".onnx"):
        raise ChainruleError(f"output {name!r}: expected a file name ending in .onnx")


def export_onnx(source: Classifier | Network, path: str | os.PathLike, opset: int = OPSET) -> None:
    """Write ``source`` to ``path`` (``.onnx``) atomically: the file appears complete or
    not at all."""
    check_output(path)
    data = onnx_bytes(source, opset)
    with atomic_write(path) as f:
        f.write(data)


def onnx_bytes(source: Classifier | Network, opset: int = OPSET) -> bytes:
    """The ONNX file of ``source``, as bytes."""
    try:
        return onnx_model(source, opset).SerializeToString()
    except ValueError as exc:  # protobuf refuses messages over 2 GiB
        raise ChainruleError(f"the model cannot be written as ONNX: {exc}") from None
