"""How a person works the page's controls, shared by the browser stories."""

from playwright.sync_api import TimeoutError as PlaywrightTimeout


def pick(page, dropdown_id, text):
    """Open a Dash dropdown, type into its search field to narrow it, choose the first matching option, close it.

    The text goes into the open menu's own search field: a dropdown with a value opens with the focus on the
    chosen option, where typed keys land nowhere. While the list narrows an option can be redrawn under the
    pointer ("not stable", "detached"): a person would look again and click again, and so does this."""
    for attempt in range(3):
        page.locator(f"#{dropdown_id}").click()
        page.get_by_role("option").first.wait_for()
        search = page.locator("input.dash-dropdown-search:visible")
        if search.count():
            search.first.fill(text)
        else:
            page.keyboard.type(text)
        try:
            page.get_by_role("option", name=text, exact=False).first.click(timeout=15_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    page.keyboard.press("Escape")
