"""Reading Graphviz SVG back: each node's texts with their colour and height."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Text:
    text: str
    fill: str | None
    y: float


@dataclass
class SvgNode:
    title: str
    texts: list[Text]
    rule_y: float | None  # the horizontal rule of a tensor label (None for other nodes)

    def lines(self, fill: str) -> list[str]:
        return [t.text for t in self.texts if t.fill == fill and t.text]


def svg_nodes(svg: str) -> dict[str, SvgNode]:
    """``{dot node id: SvgNode}`` for every node of a Graphviz SVG picture."""
    root = ET.fromstring(svg)
    nodes = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") != "node":
            continue
        title = g.find(f"{SVG}title").text
        texts = [
            Text((t.text or "").replace("\xa0", " ").strip(), t.get("fill"), float(t.get("y")))
            for t in g.iter(f"{SVG}text")
        ]
        rule_y = None
        for poly in g.iter(f"{SVG}polygon"):
            ys = {float(p.split(",")[1]) for p in poly.get("points").split()}
            if len(ys) == 1:  # a flat polygon: the <hr/> rule
                rule_y = ys.pop()
        nodes[title] = SvgNode(title, texts, rule_y)
    return nodes


def node_named(nodes: dict[str, SvgNode], name: str) -> SvgNode:
    """The tensor label of the leaf whose text node reads ``name`` (n{k} → t{k})."""
    for title, node in nodes.items():
        if title.startswith("n") and [t.text for t in node.texts] == [name]:
            return nodes["t" + title[1:]]
    raise KeyError(name)


def node_titled(nodes: dict[str, SvgNode], name: str) -> SvgNode:
    """The tensor label whose small name row reads ``name``."""
    for title, node in nodes.items():
        if title.startswith("t") and node.texts and node.texts[0].text == name:
            return node
    raise KeyError(name)
