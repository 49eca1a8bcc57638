"""What a page at 1280 px must not do, measured in a real browser (shared by the layout test and the screenshots).

A page fits when the document is no wider than the window (wide tables scroll inside their own box),
its breadcrumbs start inside the admin's own side padding and link every level above the page, the
browser logged no console error, and nothing the page loaded answered 400 or worse: the page itself,
its styles, scripts, images and requests (the browser's Resource Timing entries), and its favicon.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH, HEIGHT = 1280, 800

MEASURE = """() => {
  const root = document.documentElement;
  const crumbs = document.querySelector('.breadcrumbs');
  const content = document.querySelector('#content');
  const first = crumbs && crumbs.querySelector('a');
  // Which elements stick out is only worth the walk over every element when something does.
  const overflows = root.scrollWidth > root.clientWidth;
  return {
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    widest: !overflows ? [] : [...document.querySelectorAll('body *')]
      .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 3).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')),
    crumbLeft: first ? first.getBoundingClientRect().left : null,
    crumbLinks: crumbs ? crumbs.querySelectorAll('a').length : 0,
    padding: content ? parseFloat(getComputedStyle(content).paddingLeft) : null,
    // Read in the page, not from a listener on every response: that costs each page a tenth more.
    failed: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
      .filter(entry => entry.responseStatus >= 400).map(entry => `HTTP ${entry.responseStatus}: ${entry.name}`),
    // Not a Resource Timing entry: fetched by the browser itself, from the page's link or /favicon.ico.
    icon: (document.querySelector('link[rel~="icon"]') || {}).href
      || (location.protocol.startsWith('http') ? location.origin + '/favicon.ico' : null),
  };
}"""


@dataclass
class ConsoleWatch:
    """Console errors and uncaught exceptions of one page, collected between two checks."""

    errors: list[str] = field(default_factory=list)
    # Favicon URL -> the problem it had ("" for none): one request per icon, not one per page.
    icons: dict[str, str] = field(default_factory=dict)

    def attach(self, page):
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"exception: {exc}"))
        return self

    def icon_problem(self, page, url: str | None) -> str:
        # Headless Chromium does not always log a failed favicon to the console: ask for it.
        if url and url not in self.icons:
            status = page.request.get(url, max_redirects=5).status
            self.icons[url] = f"HTTP {status}: {url}" if status >= 400 else ""
        return self.icons.get(url, "")

    def take(self) -> list[str]:
        found, self.errors[:] = list(self.errors), []
        return found


def layout_problems(page, watch: ConsoleWatch, min_crumb_links: int = 2) -> list[str]:
    """Everything wrong with the page the browser shows now, in words."""
    m = page.evaluate(MEASURE)
    problems = []
    if m["scrollWidth"] > m["clientWidth"]:
        problems.append(f"page is {m['scrollWidth']} px wide in a {m['clientWidth']} px window ({m['widest']})")
    if m["crumbLeft"] is None:
        if min_crumb_links:
            problems.append("no breadcrumbs")
    else:
        if m["padding"] is not None and m["crumbLeft"] < m["padding"] - 1:
            problems.append(f"breadcrumbs start at {m['crumbLeft']:.0f} px, the content padding is {m['padding']} px")
        if m["crumbLinks"] < min_crumb_links:
            problems.append(f"{m['crumbLinks']} breadcrumb link(s), expected {min_crumb_links}")
    icon = watch.icon_problem(page, m["icon"])
    return problems + m["failed"] + ([icon] if icon else []) + watch.take()
