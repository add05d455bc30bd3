"""SVG and PNG through Graphviz: the seed-001 numbers on the picture, above and below the line."""

from __future__ import annotations

import shutil
import subprocess

import pytest

import chainrule as cr
from chainrule.teach.draw import GraphPicture, draw_graph, draw_network, render
from chainrule.teach.draw.dot import GRAD_COLOR, VALUE_COLOR
from chainrule.teach.draw.i18n import example_names
from svg_nodes import node_named, node_titled, svg_nodes

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot not installed")

APPLE_VALUES = {"100", "2", "150", "3", "1.1", "200", "450", "650", "715"}
APPLE_GRADS = {"1", "1.1", "2.2", "110", "3.3", "165", "650"}
APPLE_LEAVES = {
    "apple price": ("100", "2.2"),
    "apple count": ("2", "110"),
    "mandarin price": ("150", "3.3"),
    "mandarin count": ("3", "165"),
    "tax": ("1.1", "650"),
}


def apple_picture(lang: str = "en") -> GraphPicture:
    total, _ = cr.apple_graph()
    total.backward()
    return draw_graph(total, lang=lang, names=example_names(lang))


def sigmoid_picture() -> GraphPicture:
    y, y_fused, _ = cr.sigmoid_graphs()
    y.backward()
    y_fused.backward()
    return draw_graph(y, y_fused, captions=["decomposed", "fused"])


def dot_accepts(dot_text: str) -> subprocess.CompletedProcess:
    return subprocess.run(["dot", "-Tcanon"], input=dot_text.encode(), capture_output=True)


@needs_dot
def test_apple_svg_carries_seed001_values_and_gradients() -> None:
    nodes = svg_nodes(apple_picture().svg())
    values = {line for n in nodes.values() for line in n.lines(VALUE_COLOR)}
    grads = {line for n in nodes.values() for line in n.lines(GRAD_COLOR)}
    assert values == APPLE_VALUES
    assert grads == APPLE_GRADS
    for name, (value, grad) in APPLE_LEAVES.items():
        node = node_named(nodes, name)
        assert node.lines(VALUE_COLOR) == [value], name
        assert node.lines(GRAD_COLOR) == [grad], name
    assert node_titled(nodes, "subtotal").lines(VALUE_COLOR) == ["650"]
    assert node_titled(nodes, "subtotal").lines(GRAD_COLOR) == ["1.1"]


@needs_dot
def test_values_are_drawn_above_the_line_and_gradients_below() -> None:
    nodes = svg_nodes(apple_picture().svg())
    checked = 0
    for node in nodes.values():
        if node.rule_y is None:
            continue
        for text in node.texts:  # SVG's y grows downwards
            if text.fill == VALUE_COLOR:
                assert text.y < node.rule_y
            if text.fill == GRAD_COLOR:
                assert text.y > node.rule_y
        checked += 1
    assert checked == 9  # every tensor of the apple graph


@needs_dot
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_picture_is_valid_dot(lang: str) -> None:
    spec = cr.mazur_spec()
    pictures = [
        apple_picture(lang),
        sigmoid_picture(),
        draw_graph(cr.chain_graph()[0]),
        draw_network(spec.network, spec.inputs, spec.targets, level="scalar", lang=lang),
        draw_network(spec.network, spec.inputs, spec.targets, level="layer", lang=lang),
    ]
    for picture in pictures:
        result = dot_accepts(picture.dot)
        assert result.returncode == 0, result.stderr.decode()
        assert result.stderr == b"", result.stderr.decode()


@needs_dot
def test_korean_apple_picture() -> None:
    nodes = svg_nodes(apple_picture("ko").svg())
    assert node_named(nodes, "사과 가격").lines(GRAD_COLOR) == ["2.2"]
    assert node_named(nodes, "귤 개수").lines(GRAD_COLOR) == ["165"]


@needs_dot
def test_decomposed_and_fused_sigmoid_show_the_same_gradient_at_the_input() -> None:
    nodes = svg_nodes(sigmoid_picture().svg())
    decomposed = node_named(nodes, "x").lines(GRAD_COLOR)
    fused = node_named(nodes, "x (fused)").lines(GRAD_COLOR)
    # the chain-rule slides: ∂L/∂x = ∂L/∂y · y(1 − y); at x = net_o1 of Mazur's example, y(1 − y) =
    # 0.186815602
    assert decomposed == fused == ["0.186815602"]
    assert node_named(nodes, "x").lines(VALUE_COLOR) == ["1.10590597"]


@needs_dot
def test_png_is_a_png() -> None:
    png = apple_picture().png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(png) > 10_000


@needs_dot
def test_dot_errors_are_one_line_chainrule_errors() -> None:
    with pytest.raises(cr.ChainruleError, match="Graphviz's dot failed"):
        render("digraph { a -> }", "svg")


def test_without_graphviz_the_message_names_the_debian_package(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(cr.ChainruleError, match="Debian package graphviz") as info:
        apple_picture().svg()
    assert "\n" not in str(info.value)
    assert apple_picture()._repr_svg_() is None


def test_unknown_picture_format() -> None:
    with pytest.raises(cr.ChainruleError, match="'gif'"):
        render("digraph {}", "gif")


def test_the_readme_picture_carries_seed001_values_and_gradients() -> None:
    from pathlib import Path

    svg = (Path(__file__).parent.parent / "docs" / "apple.svg").read_text(encoding="utf-8")
    nodes = svg_nodes(svg)
    assert {line for n in nodes.values() for line in n.lines(VALUE_COLOR)} == APPLE_VALUES
    assert {line for n in nodes.values() for line in n.lines(GRAD_COLOR)} == APPLE_GRADS
    for name, (value, grad) in APPLE_LEAVES.items():
        assert node_named(nodes, name).lines(VALUE_COLOR) == [value], name
        assert node_named(nodes, name).lines(GRAD_COLOR) == [grad], name
