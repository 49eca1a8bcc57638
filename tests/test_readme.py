"""The README and the docs render as written: every code block closed, every section outside code."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def headings_inside_code(text: str) -> tuple[list[str], str | None]:
    """Walk the Markdown line by line as CommonMark does: a fence opens a block until the same fence closes it.

    Returns the `##` headings met inside a code block, and the line of a fence never closed.
    """
    open_fence, opened_at, swallowed = None, None, []
    for number, line in enumerate(text.splitlines(), start=1):
        match = FENCE.match(line)
        if open_fence is None:
            if match:
                open_fence, opened_at = match.group(1), f"line {number}: {line.strip()}"
        elif match and match.group(1)[0] == open_fence[0] and len(match.group(1)) >= len(open_fence):
            if not line.strip().strip(open_fence[0]):  # a closing fence carries no info string
                open_fence = None
        elif line.startswith("## "):
            swallowed.append(f"line {number}: {line}")
    return swallowed, opened_at if open_fence else None


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=lambda path: path.name)
def test_every_code_fence_is_closed(path):
    _, unclosed = headings_inside_code(path.read_text())
    assert unclosed is None, f"{path.name}: the code block opened at {unclosed} is never closed"
    fences = [line for line in path.read_text().splitlines() if FENCE.match(line)]
    assert len(fences) % 2 == 0, f"{path.name} has {len(fences)} fence lines: one is unpaired"


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=lambda path: path.name)
def test_every_section_heading_renders_outside_code(path):
    swallowed, _ = headings_inside_code(path.read_text())
    assert swallowed == [], f"{path.name}: these headings would render as code: {swallowed}"


def test_the_parser_finds_a_heading_swallowed_by_an_unclosed_fence():
    swallowed, unclosed = headings_inside_code("## A\n\n```sh\nmake run\n\n## B\n")
    assert swallowed == ["line 6: ## B"]
    assert unclosed == "line 3: ```sh"


def test_readme_shows_every_screenshot_it_names():
    readme = (ROOT / "README.md").read_text()
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme)
    assert len(pictures) >= 5, pictures
    missing = [picture for picture in pictures if not (ROOT / picture).is_file()]
    assert missing == []
