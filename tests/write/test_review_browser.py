"""The review page in a real browser: the system's headless Chromium, driven by Playwright.

Renders the sample and five dev reports (read from shared/eval, never copied), takes
screenshots at 1280 and 390 px wide into outputs/screenshots/ (git-ignored; the paths
are printed), and checks in the live DOM, after the page's script ran, that every
extracted item of every document has its highlight with the right text, that the page
fetches nothing, fits a phone's width, and works from the keyboard.
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from kfr_extract import extract_paths
from kfr_extract.models import iter_spans
from kfr_extract.write import review
from tests.conftest import REPO, SEED
from tests.sample_record import sample_record

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = REPO / "outputs" / "screenshots"
WIDTHS = (1280, 390)


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        message = "needs the system's chromium (apt-get install chromium; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A persistent Chromium context; every request that is not a local file is refused."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    executable = _chromium()
    fetched: list[str] = []
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable,
            headless=True, args=FLAGS)

        def guard(route):
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                fetched.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        yield context, fetched
        context.close()


@pytest.fixture(scope="module")
def report(eval_records, nlp, tmp_path_factory):
    dev = sorted((r for r in eval_records if "/eval/dev/" in r.source.path),
                 key=lambda r: r.source.path)[:5]
    records = [*extract_paths([str(SEED)], nlp=nlp), *dev]
    assert len(records) == 6 and all(r.status == "ok" for r in records)
    path = tmp_path_factory.mktemp("review") / "review.html"
    path.write_text(review.render(records), encoding="utf-8")
    return path, records


JS_MARKS = """() => [...document.querySelectorAll('mark[data-span]')].map(m => ({
  doc: m.closest('section.doc').id, span: m.dataset.span, field: m.dataset.field,
  start: +m.dataset.start, end: +m.dataset.end, text: m.textContent,
  tip: m.dataset.tip, focusable: m.tabIndex === 0}))"""


def _spans_in_dom(page) -> dict[str, dict]:
    spans: dict[str, dict] = {}
    for piece in page.evaluate(JS_MARKS):
        span = spans.setdefault(piece["span"], {**piece, "text": "", "focusable": False})
        span["text"] += piece["text"]
        span["focusable"] |= piece["focusable"]
    return spans


def _shoot(page, name: str, width: int) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    full = SHOTS / f"{name}-{width}-full.png"
    page.screenshot(path=str(full), full_page=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}-top.png"))
    print(f"screenshot: {full}")
    return full


def test_every_item_of_every_document_is_highlighted_in_the_browser(browser, report):
    context, fetched = browser
    path, records = report
    page = context.new_page()
    page.goto(path.as_uri())
    for width in WIDTHS:
        _shoot(page, "review", width)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than a {width}px screen"
    dom = _spans_in_dom(page)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for span in dom.values():
        by_doc[span["doc"]].append(span)
    for number, record in enumerate(records, start=1):
        shown = {(s["field"], s["start"], s["end"], s["text"]) for s in by_doc[f"doc-{number}"]}
        expected = review.located(record)
        assert len(by_doc[f"doc-{number}"]) == len(expected), record.source.path
        assert expected, f"{record.source.path}: nothing extracted to check"
        for mark in expected:
            key = (mark.field, mark.span.start_char, mark.span.end_char, mark.span.text)
            assert key in shown, f"{record.source.path}: no highlight for {key}"
        offsets = {(s, e) for _, s, e, _ in shown}
        for span in iter_spans(record):  # the model's own list of its spans
            assert (span.start_char, span.end_char) in offsets
    assert all(s["focusable"] for s in dom.values())
    assert not fetched, f"the page tried to fetch {fetched}"


def test_keyboard_and_hover_show_normalized_values(browser, report):
    context, _ = browser
    path, records = report
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(path.as_uri())
    for _ in range(300):  # Tab through the index links to the first highlight
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.hl')"):
            break
    else:
        pytest.fail("Tab never reached a highlight")
    focused = page.evaluate("""() => { const m = document.activeElement, s = getComputedStyle(m);
        return {tip: m.dataset.tip, outline: s.outlineStyle, width: s.outlineWidth,
                described: m.getAttribute('aria-describedby')}; }""")
    tip = page.locator("#tip")
    assert tip.is_visible() and tip.inner_text() == focused["tip"]
    assert focused["outline"] != "none" and focused["width"] != "0px"
    assert focused["described"] == "tip"
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    date = records[0].dates[0]
    _hover_start(page, f'#doc-1 mark[data-field="dates"][data-start="{date.start_char}"]')
    assert tip.is_visible() and f"start: {date.start}" in tip.inner_text()
    quote = records[0].quotes[0]
    _hover_start(page, f'#doc-1 mark[data-field="quotes"][data-start="{quote.start_char}"]')
    speaker = next(s for s in records[0].speakers if s.name == quote.speaker)
    assert f"speaker organization: {speaker.organization}" in tip.inner_text()
    inner = next(d for d in records[0].dates
                 if quote.start_char <= d.start_char and d.end_char <= quote.end_char)
    _hover_start(page, f'#doc-1 mark[data-field="dates"][data-start="{inner.start_char}"]')
    assert "dates #" in tip.inner_text() and "quotes #1" in tip.inner_text(), \
        "hovering a date inside a quote shows both"
    _shoot(page, "review-tooltip", 390)


def _hover_start(page, selector: str) -> None:
    """Move the mouse onto the first characters of a highlight (an inline box that wraps
    over lines is not a rectangle, so its bounding box's corner may be outside it)."""
    mark = page.locator(selector)
    mark.scroll_into_view_if_needed()
    box = mark.evaluate("m => { const r = m.getClientRects()[0]; "
                        "return {x: r.left + 3, y: r.top + r.height / 2}; }")
    page.mouse.move(box["x"], box["y"])


def test_incident_cards_in_the_browser(browser, tmp_path):
    """Incidents and money (fields being added) on a record written for the test."""
    context, fetched = browser
    record = sample_record()
    path = tmp_path / "incidents.html"
    path.write_text(review.render([record]), encoding="utf-8")
    page = context.new_page()
    page.goto(path.as_uri())
    for width in WIDTHS:
        _shoot(page, "incidents", width)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    spans = _spans_in_dom(page)
    assert len(spans) == len(review.located(record))
    link = page.locator("article.card dd a").first
    target = link.get_attribute("href")[1:]
    assert spans[target]["field"] == "incidents"
    link.click()
    assert page.evaluate("location.hash") == f"#{target}"
    assert not fetched
