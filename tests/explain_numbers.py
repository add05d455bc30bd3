"""Helpers for the explain tests: read the numbers back out of a rendered explanation and
the values they may stand for, computed here from the spec and the JSON of the step."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import numpy as np

# A number not glued to a name (w5, net_h1, h2_1 are names); a sign only when it touches it.
NUMBER = re.compile(r"(?<![\w.])([-−]?)(\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?![\w.])")


def plain(text: str, fmt: str) -> str:
    """The visible text of a rendered explanation (HTML: without tags, styles and entities)."""
    if fmt == "html":
        text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
        text = re.sub(r"<head>.*?</head>", " ", text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        text = html.unescape(text)
    if fmt == "text":
        text = re.sub(r"\033\[[0-9;]*m", "", text)
    return text


def numbers(text: str) -> list[str]:
    """Every number shown, as printed ("-0.019049118", "0.3775", "2")."""
    return [("-" if sign else "") + digits for sign, digits in NUMBER.findall(text)]


def rounded(value: float, digits: int) -> str:
    """``value`` to ``digits`` decimals without trailing zeros (the tutorials' way of printing)."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def matches(token: str, value: float, digits: int) -> bool:
    if "e" in token:  # a small non-zero value, shown with ``digits`` significant digits
        return float(f"{value:.{max(digits - 1, 0)}e}") == float(token)
    return rounded(value, digits) == token


def derivative(activation: str, net: np.ndarray, out: np.ndarray) -> np.ndarray:
    return {
        "sigmoid": lambda: out * (1 - out),
        "tanh": lambda: 1 - out * out,
        "relu": lambda: np.where(net >= 0, 1.0, 0.0),
        "abs": lambda: np.sign(net),
        "identity": lambda: np.ones_like(net),
        "softmax": lambda: np.zeros((0,)),
    }[activation]()


def expected_values(spec: dict, step: dict) -> list[float]:
    """Every value an explanation may show: the spec's numbers, the JSON's numbers, and the
    hand-calculation intermediates derived from them (f′(net), ∂E/∂out, E_ok, δ·w, δ·x)."""
    layers = step["layers"]
    x = np.array(spec["inputs"], dtype=float)
    t = np.array(spec["targets"], dtype=float)
    values: list[float] = [spec.get("learning_rate", 0.5), step["loss"], step["loss_after"]]
    values += list(x.ravel()) + list(t.ravel())
    inputs = [x] + [np.array(lay["out"]) for lay in layers[:-1]]
    loss = spec.get("loss", "half_sse")
    grad_out_next = None
    for k in range(len(layers) - 1, -1, -1):
        lay, layer_spec = layers[k], spec["layers"][k]
        w = np.array(layer_spec["weights"], dtype=float)
        net, out = np.array(lay["net"]), np.array(lay["out"])
        delta = np.array(lay["delta"])
        values += list(w.ravel()) + list(np.ravel(layer_spec.get("biases", [])))
        for key in (
            "net",
            "out",
            "delta",
            "grad_weights",
            "grad_biases",
            "weights_after",
            "biases_after",
        ):
            values += list(np.ravel(lay[key]))
        values += list(-net.ravel())
        fprime = derivative(layer_spec.get("activation", "sigmoid"), net, out)
        values += list(fprime.ravel())
        if k == len(layers) - 1:
            k_out = out.shape[1]
            grad_out = {
                "half_sse": out - t,
                "mse": 2 * (out - t) / k_out,
                "hinge": np.where(1 - t * out >= 0, -t, 0.0),
            }.get(loss, out - t)
            errors = {
                "half_sse": 0.5 * (t - out) ** 2,
                "mse": (t - out) ** 2 / k_out,
                "hinge": np.maximum(0, 1 - t * out),
                "binary_cross_entropy": np.logaddexp(0, net) - t * net,
                "cross_entropy": -t * (net - np.log(np.exp(net).sum(1, keepdims=True))),
            }
            e = errors[loss]
            values += list(e.ravel()) + list(e.sum(1))
        else:
            assert grad_out_next is not None
            grad_out = grad_out_next
        values += list(grad_out.ravel())
        # δ_m·w_mj, the terms of the layer below's ∂E/∂out, and each sample's δ·x
        values += list((delta[:, :, None] * w[None, :, :]).ravel())
        values += list((delta[:, :, None] * inputs[k][:, None, :]).ravel())
        grad_out_next = delta @ w
    return [float(v) for v in values]


def unexplained(
    text: str, fmt: str, values: Iterable[float], digits: int, integers: Iterable[int]
) -> list[str]:
    """The numbers in ``text`` that stand for none of ``values`` (integers may also be
    structural: an index, a count, the 1 of b1·1)."""
    values = list(values)
    allowed_ints = {str(i) for i in integers}
    bad = []
    for token in numbers(plain(text, fmt)):
        if "." not in token and "e" not in token and str(int(token)) in allowed_ints:
            continue
        if not any(matches(token, v, digits) for v in values):
            bad.append(token)
    # a negative term of a sum is written after a minus: 0.055399425 − 0.019049118
    subtracted = set(NUMBER.findall(re.sub(r"(?<=[−-] )(?=\d)", "−", plain(text, fmt))))
    turned = {digits_ for sign, digits_ in subtracted if sign}
    return [
        t for t in bad if not (t in turned and any(matches("-" + t, v, digits) for v in values))
    ]
