"""How a person works the page's controls, shared by the browser stories."""

from playwright.sync_api import TimeoutError as PlaywrightTimeout


def pick(page, dropdown_id, text):
    """Open a Dash dropdown, type to narrow it, choose the first matching option, close it.

    The menu must be open before typing: on a loaded machine keys typed earlier land nowhere. While the list
    narrows, an option can be redrawn under the pointer ("not stable", "detached"): a person would look again
    and click again, and so does this, with the search typed afresh."""
    for attempt in range(3):
        page.locator(f"#{dropdown_id}").click()
        page.get_by_role("option").first.wait_for()
        if attempt:
            page.keyboard.press("Control+A")  # the search typed before: typed afresh
        page.keyboard.type(text)
        try:
            page.get_by_role("option", name=text, exact=False).first.click(timeout=15_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    page.keyboard.press("Escape")
