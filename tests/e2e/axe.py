"""An axe-core audit of the page a test is on (vendored axe-core, MPL-2.0; WCAG 2.1 A and AA rules)."""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


def wcag_violations(page) -> list:
    # Evaluated through the DevTools protocol: an injected <script> tag would be refused by the app's CSP.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [(v["id"], v["help"], [n["html"][:160] for n in v["nodes"]][:3]) for v in result["violations"]]
