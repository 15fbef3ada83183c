"""What staff do in admin forms in a real browser, as steps the browser tests share."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "forms"
EDITOR_READY = (
    "window.CKEDITOR && CKEDITOR.instances.id_body && CKEDITOR.instances.id_body.status === 'ready'"
)


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def autocomplete(page, field: str):
    """The select2 box Django's autocomplete puts in place of the field's select."""
    return page.locator(f"#id_{field} + .select2")


def autocomplete_offers(page, field: str, typed: str) -> list[str]:
    """Open the field's autocomplete, type `typed` as a person would, and read what it offers."""

    def answers_typed(response) -> bool:
        parts = urlsplit(response.url)
        term = parse_qs(parts.query, keep_blank_values=True).get("term", [""])
        return parts.path.endswith("/autocomplete/") and term == [typed]

    with page.expect_response(answers_typed):
        autocomplete(page, field).locator(".select2-selection").click()
        search = page.locator(".select2-container--open .select2-search__field")
        search.press_sequentially(typed, delay=20)
    page.wait_for_function("() => !document.querySelector('.select2-results__option.loading-results')")
    return page.locator(".select2-container--open .select2-results__option").all_inner_texts()


def choose_in_autocomplete(page, field: str, typed: str, option: str) -> None:
    autocomplete_offers(page, field, typed)
    page.locator(".select2-container--open .select2-results__option", has_text=option).first.click()


def chosen_in_autocomplete(page, field: str) -> str:
    return autocomplete(page, field).locator(".select2-selection__rendered").inner_text().lstrip("×").strip()


def submit_for_review(page) -> None:
    """Press the workflow's "Gửi duyệt" button (there is no status list to choose from)."""
    page.locator("button[name=_workflow][value=submit]").click()


def save_draft(page) -> None:
    """Press the workflow's "Lưu nháp" button."""
    page.locator("button[name=_workflow][value=save]").click()


def sideways_overflow(page) -> int:
    """How far the page scrolls sideways (0 when it fits the screen)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
