// Dash 4's dcc.Dropdown takes keyboard focus on a hidden input (aria-hidden, no name) while its
// labelled button is not focusable: a screen reader user would land on a control without a name
// (axe: aria-hidden-focus). Give that input the name of the page's <label for=…> and the state
// of the button, and keep them in step as the dropdown changes.
(function () {
    function sync(input) {
        const button = input.parentElement && input.parentElement.querySelector("button.dash-dropdown");
        if (!button) return;
        const label = document.querySelector('label[for="' + button.id + '"]');
        const value = button.querySelector(".dash-dropdown-value");
        const name = (label ? label.textContent.trim() : "") + (value ? ": " + value.textContent.trim() : "");
        const wanted = {"role": "combobox", "aria-haspopup": "listbox", "aria-label": name,
                        "aria-expanded": button.getAttribute("aria-expanded") || "false"};
        if (input.hasAttribute("aria-hidden")) input.removeAttribute("aria-hidden");
        // Only real changes: setting an equal value would wake the observer again, for ever.
        for (const [key, value] of Object.entries(wanted)) {
            if (input.getAttribute(key) !== value) input.setAttribute(key, value);
        }
    }
    function syncAll() {
        document.querySelectorAll("input.dash-dropdown-focus-target").forEach(sync);
    }
    new MutationObserver(syncAll).observe(document.documentElement,
        { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-expanded", "aria-hidden"] });
    document.addEventListener("DOMContentLoaded", syncAll);
})();
