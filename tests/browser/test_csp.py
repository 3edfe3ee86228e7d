"""The Content-Security-Policy in a real browser: the site runs under it without a single
violation (search, the language selector and the theme's scripts work), and a handler injected
into a page after the build, past the audit, is blocked by it."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.test_browser import PAGE_TYPES, ROOTS, _search
from tests.chromium import record_requests, served

# Every violation the page reports, kept where the test can read it.
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""
INJECTED = "<img src=x onerror=alert(1)>"


def _watched(browser):
    context = browser.new_context()
    context.add_init_script(LISTEN)
    requested = record_requests(context)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return context, page, requested, dialogs


def _outside(requested: list[str]) -> set[str]:
    return {u for u in requested if urlsplit(u).hostname != "127.0.0.1"}


@pytest.mark.parametrize("lang", ROOTS)
def test_every_page_kind_runs_clean_in_the_browser(browser, base, lang):
    """One visit per page kind, watched for everything at once: policy violations, dialogs,
    requests leaving localhost, console errors, script errors, failed requests and error
    responses (Material asked for a missing sitemap.xml on every page once)."""
    context, page, requested, dialogs = _watched(browser)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed {r.url}"))
    page.on(
        "response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    violations = {}
    for kind, path in {**PAGE_TYPES, "not found": "404.html"}.items():
        page.goto(base + ROOTS[lang] + path, wait_until="networkidle")
        # Scroll so that the back-to-top button and lazy parts of the theme run too.
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(100)
        page.mouse.wheel(0, -500)
        page.wait_for_timeout(100)
        found = page.evaluate("window.__violations")
        if found:
            violations[kind] = found
    context.close()
    assert violations == {}
    assert dialogs == []
    assert problems == []
    assert len(requested) > len(PAGE_TYPES)
    assert _outside(requested) == set()


@pytest.mark.parametrize("lang", ROOTS)
def test_search_and_the_language_selector_work_under_the_policy(browser, base, lang):
    context, page, requested, dialogs = _watched(browser)
    assert _search(page, base, ROOTS[lang], "China")
    other = "nl" if lang == "en" else "en"
    page.goto(base + ROOTS[lang] + "actors/sberbank/", wait_until="networkidle")
    page.locator(".md-header__option .md-select button").first.hover()
    page.locator(f'a.md-select__link[hreflang="{other}"]').click()
    page.wait_for_load_state("networkidle")
    assert page.url == base + ROOTS[other] + "actors/sberbank/"
    assert page.evaluate("window.__violations") == []
    context.close()
    assert dialogs == [] and _outside(requested) == set()


def test_the_theme_scripts_run_under_the_policy(browser, base):
    """Material's inline scripts (scope, palette) run: their globals exist and the bundle is
    live (the search worker answers, back-to-top appears)."""
    context, page, _, _ = _watched(browser)
    page.goto(base + "glossary/", wait_until="networkidle")
    assert page.evaluate("typeof __md_get === 'function' && typeof __md_scope === 'object'")
    assert page.evaluate("document.documentElement.classList.contains('js')")
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)
    page.locator(".md-top").wait_for(state="visible", timeout=5_000)
    assert page.evaluate("window.__violations") == []
    context.close()


@pytest.fixture(scope="module")
def tampered(site, tmp_path_factory) -> Path:
    """A copy of the built site whose home page got a handler after the build (so the audit
    never saw it), and the same page once more without the policy, as the control."""
    copy = tmp_path_factory.mktemp("tampered") / "site"
    shutil.copytree(site, copy)
    home = (copy / "index.html").read_text(encoding="utf-8")
    assert "</article>" in home
    injected = home.replace("</article>", INJECTED + "</article>", 1)
    (copy / "index.html").write_text(injected, encoding="utf-8")
    head, sep, rest = injected.partition('<meta http-equiv="Content-Security-Policy"')
    assert sep
    (copy / "no-policy.html").write_text(head + rest.partition(">")[2], encoding="utf-8")
    return copy


def test_an_injected_handler_is_blocked_by_the_policy(browser, tampered):
    with served(tampered) as url:
        context, page, _, dialogs = _watched(browser)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(300)
        violations = page.evaluate("window.__violations")
        context.close()
    assert dialogs == []
    assert any(v.startswith("script-src") for v in violations), violations


def test_without_the_policy_the_injected_handler_runs(browser, tampered):
    # The control: the injection is live, so it is the policy that stops it above.
    with served(tampered) as url:
        context, page, _, dialogs = _watched(browser)
        page.goto(url + "no-policy.html", wait_until="networkidle")
        page.wait_for_timeout(300)
        context.close()
    assert dialogs == ["1"]
