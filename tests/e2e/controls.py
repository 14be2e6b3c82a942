"""How a person works the page's controls, shared by the browser stories."""


def pick(page, dropdown_id, text):
    """Open a Dash dropdown, type to narrow it, choose the first matching option, close it.

    The menu must be open before typing: on a loaded machine keys typed earlier land nowhere."""
    page.locator(f"#{dropdown_id}").click()
    page.get_by_role("option").first.wait_for()
    page.keyboard.type(text)
    page.get_by_role("option", name=text, exact=False).first.click()
    page.keyboard.press("Escape")
