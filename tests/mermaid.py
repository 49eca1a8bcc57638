"""A tiny reader of the Mermaid flowchart source the toolkit writes: boxes, arrows, labels, link styles.

Tests compare what a diagram *says* (which boxes, which counts, which arrows with which rules)
with the data it was drawn from, instead of matching the source against a stored snapshot.
"""

import html
import re
from dataclasses import dataclass, field

SHAPES = r"\[\[|\[/|\(\[|\(\(|\{\{|\["  # the openings the toolkit uses: box, subroutine, proxy, ...
NODE = re.compile(rf'^\s*(?P<id>\w+)(?:{SHAPES})"(?P<label>.*)"[\]\)\}}/]+(?::::(?P<cls>\w+))?\s*$')
EDGE = re.compile(r'^\s*(?P<source>\w+) (?P<arrow>[-=.<>ox]+)\|"(?P<label>.*)"\| (?P<target>\w+)\s*$')
LINK_STYLE = re.compile(r"^\s*linkStyle (?P<index>\d+) (?P<style>.+?)\s*$")
ENTITY = re.compile(r"#(\w+);")


@dataclass
class Box:
    id: str
    lines: list[str]  # the label's lines, tags removed, entities decoded
    cls: str | None

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Arrow:
    source: str
    arrow: str
    label: str
    target: str
    style: dict[str, str] = field(default_factory=dict)

    @property
    def parts(self) -> list[str]:
        return self.label.split(" · ")


@dataclass
class Flowchart:
    direction: str
    boxes: dict[str, Box]
    arrows: list[Arrow]

    def into(self, box_id: str) -> list[Arrow]:
        return [a for a in self.arrows if a.target == box_id]

    def box_of(self, first_line: str) -> Box:
        (box,) = [b for b in self.boxes.values() if b.lines[0] == first_line]
        return box


def decode(text: str) -> str:
    def entity(match):
        name = match.group(1)
        return chr(int(name)) if name.isdigit() else html.unescape(f"&{name};")

    return ENTITY.sub(entity, text)


def parse_flowchart(source: str) -> Flowchart:
    lines = source.splitlines()
    direction = lines[0].split()[1]
    boxes, arrows, styles = {}, [], {}
    for line in lines[1:]:
        if edge := EDGE.match(line):
            arrows.append(Arrow(edge["source"], edge["arrow"], decode(edge["label"]), edge["target"]))
        elif node := NODE.match(line):
            parts = re.split(r"<br\s*/?>", node["label"])
            boxes[node["id"]] = Box(node["id"], [decode(re.sub(r"<[^>]+>", "", p)) for p in parts], node["cls"])
        elif style := LINK_STYLE.match(line):
            styles[int(style["index"])] = dict(item.split(":", 1) for item in style["style"].split(","))
    for index, arrow in enumerate(arrows):
        arrow.style = styles.get(index, {})
    return Flowchart(direction, boxes, arrows)
