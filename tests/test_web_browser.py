"""End to end in a real headless Chromium (Debian's package, driven by Playwright).

A reader searches, opens an item, sees the undertaking highlighted in the
source text, filters undertakings, and never sees hostile minutes text run.
Screenshots of the main pages are taken on the way; set
``MINUTEBOOK_SCREENSHOTS=docs/screenshots`` to keep them there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from minutebook.cli.demo import find_samples
from minutebook.errors import UsageError
from minutebook.ingest import ingest_paths
from minutebook.store import open_store
from minutebook.web.app import create_app
from minutebook.web.server import ThreadedServer
from webserver import Site, running_site

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM),
                       reason=f"{CHROMIUM} not installed (run scripts/system-deps)"),
]

if os.path.exists(CHROMIUM):
    from playwright.sync_api import Browser, Page, expect, sync_playwright


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with running_site(tmp_path_factory.mktemp("browser")) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    yield opened
    context.close()
    assert errors == [], "the page raised errors or opened dialogs"


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    keep = os.environ.get("MINUTEBOOK_SCREENSHOTS")
    folder = Path(keep) if keep else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shot(page: Page, folder: Path, name: str) -> None:
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000


def test_search_open_item_and_see_the_undertaking_highlighted(
    site: Site, page: Page, shots: Path
) -> None:
    page.goto(site.url + "/")
    _shot(page, shots, "home")
    page.get_by_label("Search the minutes").fill('"collection calendar"')
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search\?q=%22collection\+calendar%22"))
    page.get_by_label("Undertaking").check()
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".count")).to_contain_text("of 2 results")
    first = page.locator("ol.results li").first
    expect(first.locator("mark").first).to_have_text(re.compile("collection", re.I))
    _shot(page, shots, "search")
    first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/items/\d+#s\d+-\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Garden Waste Collections")
    target = page.locator("#source mark.fact-undertaking").first
    expect(target).to_be_visible()
    expect(target).to_contain_text("undertook to publish the revised collection calendar")
    # The fact a search result points at is outlined, by :target and by the script.
    expect(target).to_have_class(re.compile(r"\bfocus\b"))
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    _shot(page, shots, "item")


def test_a_panel_link_jumps_to_the_fact_in_the_source(site: Site, page: Page) -> None:
    page.goto(f"{site.url}/items/{site.ids['waste_march']}")
    panel = page.locator(".panel-vote")
    panel.get_by_role("link", name=re.compile("in text")).first.click()
    expect(page).to_have_url(re.compile(r"#s\d+-\d+$"))
    focused = page.locator("#source mark.focus")
    expect(focused).to_have_text("For: Councillors Nandra, Okoro and Lind.")
    expect(page.locator(".panel-vote li.active")).to_have_count(1)


def test_filter_undertakings_by_committee_and_status(site: Site, page: Page, shots: Path) -> None:
    page.goto(site.url + "/undertakings")
    expect(page.locator(".count")).to_contain_text("of 4 undertakings")
    page.get_by_label("Committee").select_option("Environment Scrutiny Committee")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".count")).to_contain_text("of 2 undertakings")
    page.get_by_label("Status").select_option("answered")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".count")).to_contain_text("of 1 undertaking")
    card = page.locator("ol.cards li")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("16 January 2024")
    expect(card.locator(".status")).to_have_text("answered")
    page.get_by_label("Status").select_option("")
    page.get_by_label("Committee").select_option("")
    page.get_by_role("button", name="Filter").click()
    _shot(page, shots, "undertakings")
    card = page.locator("ol.cards li", has_text="collection calendar").first
    card.get_by_role("link", name="Councillor Priya Nandra").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Councillor Priya Nandra")
    expect(page.get_by_role("heading", name="Recorded votes")).to_be_visible()
    _shot(page, shots, "person")


def test_hostile_minutes_are_shown_as_text_and_never_run(site: Site, page: Page) -> None:
    page.goto(f"{site.url}/items/{site.ids['hostile']}")
    source = page.locator("#source")
    expect(source).to_contain_text("<script>document.title='pwned'</script>")
    expect(source).to_contain_text('<img src=x onerror="document.title=\'pwned\'">')
    # Run, the hostile script or handler would set the title to exactly "pwned".
    assert page.title() != "pwned" and page.title().endswith("· minutebook")
    assert page.locator("#source script, #source img, #source a, #source b").count() == 0
    assert page.evaluate("document.scripts.length") == 1
    # The bidi override is neutralised, so the text cannot run backwards.
    assert "\u202e" not in source.inner_text()


def test_keyboard_only_reader_can_search(site: Site, page: Page) -> None:
    page.goto(site.url + "/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("/")
    expect(page.locator("#home-q")).to_be_focused()
    page.keyboard.type("embankment")
    page.keyboard.press("Enter")
    expect(page.locator("ol.results li")).to_have_count(2)


def test_pages_work_without_javascript_and_on_a_phone(
    site: Site, browser: Browser, shots: Path
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site.url + "/search?q=waste")
        expect(page.locator("ol.results li").first).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the search page scrolls sideways on a phone ({width}px)"
        _shot(page, shots, "phone-search")
        page.goto(f"{site.url}/items/{site.ids['waste_march']}")
        expect(page.locator("#source mark.fact-undertaking")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the item page scrolls sideways on a phone ({width}px)"
        _shot(page, shots, "phone-item")
        page.goto(f"{site.url}/meetings/{site.ids['scrutiny_march']}")
        expect(page.get_by_role("heading", name="Attendance")).to_be_visible()
        _shot(page, shots, "phone-meeting")
    finally:
        context.close()


def test_meeting_page_and_api_docs(site: Site, page: Page, shots: Path) -> None:
    page.goto(f"{site.url}/meetings/{site.ids['scrutiny_march']}")
    expect(page.locator("ol.items li")).to_have_count(3)
    expect(page.locator("#attendance ~ ul, section[aria-labelledby=attendance]")
           .first).to_contain_text("Jon Shaw")
    _shot(page, shots, "meeting")
    page.goto(site.url + "/docs")
    expect(page.locator(".swagger-ui .title").first).to_contain_text("minutebook")
    expect(page.get_by_text("/api/search").first).to_be_visible()
    _shot(page, shots, "api-docs")


def test_the_shipped_samples_read_well(
    browser: Browser, shots: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    try:
        samples = find_samples()
    except UsageError:
        pytest.skip("no sample minutes shipped yet (samples/)")
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    with open_store(db) as store:
        assert ingest_paths(store, [samples], workers=1, progress=False).failed == 0
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        with ThreadedServer(create_app(db)) as server:
            page = context.new_page()
            page.goto(server.url)
            _shot(page, shots, "demo-home")
            page.goto(server.url + "undertakings")
            expect(page.locator("ol.cards li").first).to_be_visible()
            _shot(page, shots, "demo-undertakings")
            page.locator("ol.cards li .action a").first.click()
            expect(page.locator("#source mark.fact-undertaking.focus").first).to_be_visible()
            _shot(page, shots, "demo-item")
            page.goto(server.url + "search?q=transport")
            expect(page.locator("ol.results li").first).to_be_visible()
            _shot(page, shots, "demo-search")
    finally:
        context.close()
