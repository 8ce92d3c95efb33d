"""The documentation site in a real browser: every page renders its formulas, offline.

The site is built afresh (``mkdocs build --strict``) into a temporary folder, served on
127.0.0.1 by a stdlib ``http.server`` thread on a free port, and every page is opened in
headless Chromium driven by Playwright for Python. Debian's ``chromium`` package is the
browser (``/usr/bin/chromium``); no browser is ever downloaded (never ``playwright install``).
Every request that does not go to the loopback server is aborted and recorded.

Per page the test asserts: every formula that pymdownx.arithmatex marked is typeset by KaTeX,
no KaTeX error element, no raw TeX left in the visible text, no console error, no failed
local request, no blocked external request. The search box must find "DAS28".

Without ``/usr/bin/chromium`` the test skips, saying how to enable it; with the environment
variable ``REQUIRE_BROWSER_TESTS=1`` (set by ``.ci/run``) the skip becomes a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest

from tests.test_docs_site import nav_pages

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import BrowserContext, Route

ROOT = Path(__file__).parent.parent
CHROMIUM = Path("/usr/bin/chromium")
KATEX = ROOT / "docs" / "vendor" / "katex" / "katex.min.js"
REQUIRED = os.environ.get("REQUIRE_BROWSER_TESTS") == "1"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 20_000

# Raw TeX that KaTeX should have replaced: display/inline delimiters and control words.
RAW_TEX = re.compile(r"\$\$|\\[()\[\]]|\\[A-Za-z]+")

# Text nodes that a reader sees, outside code and outside typeset formulas.
VISIBLE_TEXT_JS = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || p.closest("pre, code, script, style, noscript, template, .katex, .katex-error")) {
      continue;
    }
    if (p.getClientRects().length === 0) continue;
    out.push(n.textContent);
  }
  return out.join("\\n");
}"""

TYPESET_DONE_JS = """() => Array.from(document.querySelectorAll(".arithmatex")).every(
  (n) => n.querySelector(".katex, .katex-error") !== null)"""

FORMULA_STATS_JS = """() => {
  const nodes = Array.from(document.querySelectorAll(".arithmatex"));
  return {
    arithmatex: nodes.length,
    katex: document.querySelectorAll(".katex").length,
    untypeset: nodes.filter((n) => n.querySelector(".katex") === null)
                    .map((n) => n.textContent.trim().slice(0, 120)),
    errors: Array.from(document.querySelectorAll(".katex-error"))
                 .map((n) => (n.getAttribute("title") || n.textContent).slice(0, 200)),
  };
}"""


def _unavailable(reason: str) -> NoReturn:
    if REQUIRED:
        pytest.fail(f"{reason} (REQUIRE_BROWSER_TESTS=1 makes this a failure)")
    pytest.skip(reason)


def page_url_path(page: str) -> str:
    """The URL path of a docs page (``x.md`` -> ``/x/``, ``index.md`` -> ``/``)."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return "/"
    return "/" + stem.removesuffix("/index") + "/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Keep the test output clean."""


class _Recorder:
    """What the browser did that it should not have: blocked requests, errors."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.failed: list[str] = []

    def clear(self) -> None:
        self.blocked.clear()
        self.console_errors.clear()
        self.failed.clear()

    def route(self, route: Route) -> None:
        url = urlsplit(route.request.url)
        if url.hostname == "127.0.0.1" and url.port == self.port:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not CHROMIUM.exists():
        _unavailable(
            "headless Chromium not found at /usr/bin/chromium; enable this test with "
            "`apt-get install chromium` (Debian's package; never `playwright install`)"
        )
    try:
        import playwright.sync_api  # noqa: F401, PLC0415 - optional test dependency
    except ImportError:
        _unavailable("Playwright for Python is missing: `pip install -e '.[test]'`")
    if not KATEX.exists():
        _unavailable("KaTeX is not vendored into docs/vendor/katex: run `make docs-build`")
    out = tmp_path_factory.mktemp("site")
    build = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, f"mkdocs build failed:\n{build.stdout}\n{build.stderr}"
    return out


@pytest.fixture(scope="module")
def server(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[tuple[BrowserContext, _Recorder]]:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - optional dependency

    recorder = _Recorder(port=urlsplit(server).port or 0)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(TIMEOUT_MS)
            context.route("**/*", recorder.route)
            yield context, recorder
            context.close()
        finally:
            chromium.close()


def _open(context: BrowserContext, recorder: _Recorder, url: str) -> Any:
    recorder.clear()
    page = context.new_page()
    page.on(
        "console", lambda m: recorder.console_errors.append(m.text) if m.type == "error" else None
    )
    page.on("pageerror", lambda e: recorder.console_errors.append(f"uncaught: {e}"))
    page.on("requestfailed", lambda r: recorder.failed.append(f"{r.url} ({r.failure})"))
    page.on(
        "response",
        lambda r: recorder.failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None,
    )
    response = page.goto(url, wait_until="load")
    assert response is not None
    assert response.status == 200, f"{url}: HTTP {response.status}"
    page.wait_for_load_state("networkidle")
    return page


def test_every_built_page_is_in_the_nav(site_dir: Path) -> None:
    built = set()
    for html in site_dir.rglob("index.html"):
        folder = html.parent.relative_to(site_dir)
        built.add("/" if folder == Path() else f"/{folder.as_posix()}/")
    assert built == {page_url_path(page) for page in nav_pages()}


@pytest.mark.parametrize("page", nav_pages())
def test_page_renders_offline(
    page: str, server: str, browser: tuple[BrowserContext, _Recorder]
) -> None:
    context, recorder = browser
    url = server + page_url_path(page)
    tab = _open(context, recorder, url)
    try:
        typeset_timeout = None
        try:
            tab.wait_for_function(TYPESET_DONE_JS, timeout=TIMEOUT_MS)
        except Exception as exc:  # noqa: BLE001 - reported below with the page's state
            typeset_timeout = str(exc).splitlines()[0]
        stats = tab.evaluate(FORMULA_STATS_JS)
        raw = sorted(set(RAW_TEX.findall(tab.evaluate(VISIBLE_TEXT_JS))))
    finally:
        tab.close()
    problems = {
        "formulas not typeset": stats["untypeset"],
        "KaTeX errors": stats["errors"],
        "raw TeX in visible text": raw,
        "console errors": list(recorder.console_errors),
        "failed requests": list(recorder.failed),
        "blocked external requests": list(recorder.blocked),
    }
    if typeset_timeout:
        problems["typesetting timed out"] = [typeset_timeout]
    if stats["arithmatex"]:
        problems["no KaTeX element although the page has formulas"] = (
            [] if stats["katex"] else [str(stats["arithmatex"])]
        )
    assert not {k: v for k, v in problems.items() if v}, f"{page}: {problems}"


def test_search_finds_das28(server: str, browser: tuple[BrowserContext, _Recorder]) -> None:
    context, recorder = browser
    tab = _open(context, recorder, server + "/")
    try:
        box = tab.locator("input.md-search__input")
        box.click()
        box.press_sequentially("DAS28")
        first = tab.locator(".md-search-result__item").first
        first.wait_for(state="visible", timeout=TIMEOUT_MS)
        results = tab.locator(".md-search-result__item").all_inner_texts()
        tab.wait_for_load_state("networkidle")
    finally:
        tab.close()
    assert any("DAS28" in text for text in results), results
    assert not recorder.console_errors, recorder.console_errors
    assert not recorder.blocked, recorder.blocked
    assert not recorder.failed, recorder.failed
