"""DOT text (Graphviz's graph language) for a computational graph, drawn as in the chain-rule
slides.

The chain-rule slides draws a graph left to right: each operation is a circle (×, +, exp, 1/x, …);
each value travels on an edge, its forward value written *above* the line and, after
backward, its derivative ∂L/∂value written *below* it, in two colours. Here:

- every tensor is a small label node ``t{k}`` sitting on the line: the forward value
  (blue) above a rule, the gradient (red) below it, and the name the user gave it
  (grey, small) on top; edges meet the label at the rule, so it reads as one line;
- every operation is a node ``op{k}`` (the node that made tensor k);
- a leaf (input, parameter, constant) with a name starts at a text node ``n{k}``;
  the output ends in an arrow to a text node ``r{k}`` with its name.

k is the tensor's place in the forward order (inputs first), as in
:func:`chainrule.engine.graph.graph_dict`. A tensor used by several nodes has one label, with
its total gradient (Mazur's example: ∂E/∂out_h1 = ∂E_o1/∂out_h1 + ∂E_o2/∂out_h1).

Numbers keep up to 9 significant digits with trailing zeros dropped, so the chain-rule slides'
650 · 1.1 = 715.0000000000001 reads 715. Tensors with up to 9 elements show every
element (a matrix row per line); larger ones show their shape next to the name, and the
Euclidean norms ‖·‖ of the value and of the gradient.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence

import numpy as np

from chainrule.engine.tensor import Node, Tensor, topological_order
from chainrule.errors import ChainruleError
from chainrule.nn.activations import ACTIVATIONS
from chainrule.nn.losses import FusedLoss, OutputLoss
from chainrule.teach.draw.i18n import word
from chainrule.util.language import check_language

VALUE_COLOR = "#1f5fbf"  # forward values: blue
GRAD_COLOR = "#c0392b"  # gradients: red
NAME_COLOR = "#555555"
FONT = "DejaVu Sans, Noto Sans CJK KR, sans-serif"
MAX_ELEMENTS = 9  # tensors up to this size show every element

OP_SYMBOLS = {
    "add": "+",
    "sub": "−",
    "mul": "×",
    "div": "÷",
    "neg": "×(−1)",
    "reciprocal": "1/x",
    "exp": "exp",
    "log": "log",
    "matmul": "matmul",
    "transpose": "ᵀ",
    "sum": "Σ",
    "mean": "mean",
    "max": "max",
    "dense": "x·Wᵀ + b",
}

Names = Mapping[object, str]


def format_number(x: float) -> str:
    """Up to 9 significant digits, trailing zeros dropped: 715.0000000000001 → ``715``."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    text = f"{x:.9g}"
    return "0" if text == "-0" else text


def shape_text(shape: tuple[int, ...]) -> str:
    """``2×3`` for a shape (empty for a scalar)."""
    return "×".join(str(n) for n in shape)


def value_lines(array: np.ndarray) -> list[str]:
    """The lines that show ``array``: one number, a row per line, or its norm (large ones)."""
    if array.size == 1:
        return [format_number(array.reshape(()))]
    if array.size <= MAX_ELEMENTS and array.ndim <= 2:
        rows = array.reshape(1, -1) if array.ndim == 1 else array
        return ["  ".join(format_number(v) for v in row) for row in rows]
    return [f"‖·‖ = {format_number(float(np.linalg.norm(array)))}"]


def grad_lines(grad: np.ndarray | None, value: np.ndarray, lang: str) -> list[str]:
    """The lines that show a gradient (blank where there is none)."""
    if grad is None:
        return []
    if value.size > MAX_ELEMENTS or value.ndim > 2:
        return [word(lang, "norm", v=format_number(float(np.linalg.norm(grad))))]
    return value_lines(np.asarray(grad).reshape(value.shape))


def op_symbol(node: Node) -> str:
    """What an operation's circle shows: ×, +, 1/x, **2, sigmoid, …"""
    if node.op == "pow":
        exponent = getattr(node, "exponent", None)
        return "**?" if exponent is None else f"**{format_number(exponent)}"
    record = ACTIVATIONS.get(node.op)
    if record is not None:
        return record.label or record.name
    if isinstance(node, OutputLoss | FusedLoss):  # the loss's record: Σ ½(t − o)², softmax + CE
        loss = node.record
        label = loss.label or loss.name
        return label if loss.fuses is None else f"{loss.fuses} + {label}"
    return OP_SYMBOLS.get(node.op, node.op)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _lines(lines: Sequence[str], color: str, count: int) -> str:
    """``count`` table rows (blank ones where ``lines`` is shorter)."""
    rows = []
    for i in range(count):
        text = _esc(lines[i]) if i < len(lines) else " "
        rows.append(f'<tr><td width="32"><font color="{color}">{text}</font></td></tr>')
    return "".join(rows)


def tensor_label(value: np.ndarray, grad: np.ndarray | None, name: str | None, lang: str) -> str:
    """The HTML label of a tensor: name (small), value, a rule, gradient, and a spacer.

    The value and gradient blocks get the same number of rows and the name row is
    balanced by a blank row of the same size, so the rule lies at the label's middle,
    where the edges meet it.
    """
    values = value_lines(value)
    grads = grad_lines(grad, value, lang)
    count = max(len(values), len(grads), 1)
    small = '<tr><td><font point-size="9" color="{c}">{t}</font></td></tr>'
    top = small.format(c=NAME_COLOR, t=_esc(name)) if name else ""
    bottom = small.format(c=NAME_COLOR, t=" ") if name else ""
    return (
        '<<table border="0" cellborder="0" cellspacing="0" cellpadding="1">'
        f"{top}{_lines(values, VALUE_COLOR, count)}<hr/>"
        f"{_lines(grads, GRAD_COLOR, count)}{bottom}</table>>"
    )


def _display_name(tensor: Tensor, names: Names | None) -> str | None:
    if names:
        try:
            if tensor in names:
                return names[tensor]
        except TypeError:  # tensors that cannot be keys: look up by name only
            pass
        if tensor.name is not None and tensor.name in names:
            return names[tensor.name]
    return tensor.name


def _legend(roots: Sequence[Tensor], names: Names | None, lang: str, title: str | None) -> str:
    root_name = _display_name(roots[0], names) if len(roots) == 1 else None
    # the root as the picture names it, in either language ("total", "지불 금액"); L when it
    # has no short name
    symbol = root_name if root_name and len(root_name) <= 10 else "L"
    if " " in symbol:
        symbol = f"({symbol})"
    legend = _esc(word(lang, "legend", root=symbol))
    head = f"<tr><td><b>{_esc(title)}</b></td></tr>" if title else ""
    return (
        f'<<table border="0" cellspacing="2" cellpadding="0">{head}'
        f'<tr><td><font point-size="10">{legend}</font></td></tr></table>>'
    )


def graph_to_dot(
    roots: Sequence[Tensor],
    *,
    lang: str = "en",
    names: Names | None = None,
    captions: Sequence[str] | None = None,
    title: str | None = None,
) -> str:
    """DOT text drawing the graph of ``roots`` with values and (after backward) gradients.

    ``names`` maps a tensor, or a tensor's own name, to the name to draw (to translate
    the built-in examples or name a network's matrices); other tensors keep their name.
    ``captions`` (one per root) boxes each root's part of the graph with a caption, for
    graphs drawn side by side (the chain-rule slides' decomposed and fused sigmoid).
    """
    check_language(lang)
    roots = list(roots)
    if not roots:
        raise ChainruleError("nothing to draw: expected at least one tensor")
    if captions is not None and len(captions) != len(roots):
        raise ChainruleError(f"{len(captions)} captions for {len(roots)} graphs: expected one each")

    ids: dict[int, int] = {}
    parts: list[list[Tensor]] = []
    for root in roots:
        part = []
        for tensor in topological_order(root):
            if id(tensor) not in ids:
                ids[id(tensor)] = len(ids)
                part.append(tensor)
        parts.append(part)
    root_ids = {id(r) for r in roots}

    out = [
        "digraph chainrule {",
        "  graph [rankdir=LR, ordering=in, pad=0.15, nodesep=0.25, ranksep=0.3, labelloc=b,",
        f'         fontname="{FONT}", label={_legend(roots, names, lang, title)}];',
        f'  node [fontname="{FONT}", fontsize=12];',
        f'  edge [fontname="{FONT}", arrowsize=0.7, color="#333333"];',
    ]
    edges: list[str] = []
    order = list(enumerate(parts))
    if captions is not None:
        order.reverse()  # Graphviz stacks the boxes last-declared on top: the first root on top
    for p, part in order:
        indent = "  "
        if captions is not None:
            out.append(f"  subgraph cluster_{p} {{")
            out.append(
                f'    label=<{_esc(captions[p])}>; labelloc=t; style=rounded; color="#bbbbbb";'
            )
            indent = "    "
        for tensor in part:
            k = ids[id(tensor)]
            raw = _display_name(tensor, names)
            shape = shape_text(tensor.shape) if tensor.size > 1 else ""
            name = f"{raw}  {shape}" if raw and shape else (raw or shape or None)
            is_root = id(tensor) in root_ids
            starts = tensor.creator is None and bool(raw) and raw not in value_lines(tensor.data)
            shown_name = None if (starts or is_root) else name
            label = tensor_label(tensor.data, tensor.grad, shown_name, lang)
            out.append(f"{indent}t{k} [shape=plain, label={label}];")
            node = tensor.creator
            if node is None:
                if starts:  # a named leaf; not a constant named after its value (-1)
                    out.append(f"{indent}n{k} [shape=plaintext, label=<{_esc(name)}>];")
                    edges.append(f"  n{k} -> t{k} [arrowhead=none];")
            else:
                symbol = op_symbol(node)
                outline = "circle" if len(symbol) <= 3 else "ellipse"
                out.append(
                    f'{indent}op{k} [shape={outline}, label=<{_esc(symbol)}>, margin="0.02,0.02"];'
                )
                for x in node.inputs:
                    edges.append(f"  t{ids[id(x)]} -> op{k};")
                edges.append(f"  op{k} -> t{k} [arrowhead=none];")
            if is_root:
                out.append(
                    f"{indent}r{k} [shape=plaintext, label=<{_esc(name or word(lang, 'output'))}>];"
                )
                edges.append(f"  t{k} -> r{k};")
        if captions is not None:
            out.append("  }")
    out.extend(edges)
    out.append("}")
    return "\n".join(out) + "\n"
