// Dash 4's dcc.Dropdown takes keyboard focus on a hidden input (aria-hidden, no name) while its
// labelled button is not focusable: a screen reader user would land on a control without a name
// (axe: aria-hidden-focus). Give that input the name of the page's <label for=…> (ids escaped: a paged
// table's list of pages has a pattern-matching id, JSON with quotes) and the state
// of the button, and keep them in step as the dropdown changes.
(function () {
    function sync(input) {
        const button = input.parentElement && input.parentElement.querySelector("button.dash-dropdown");
        if (!button) return;
        const label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
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
    function set(el, key, value) {
        if (el.getAttribute(key) !== value) el.setAttribute(key, value);
    }
    // A multi-value dropdown's button is named by a hidden count (axe: label-content-name-mismatch):
    // name it by what it shows.
    function syncButton(button) {
        const shown = button.textContent.trim();
        if (button.hasAttribute("aria-labelledby")) button.removeAttribute("aria-labelledby");
        set(button, "aria-label", shown);
    }
    // dcc.Slider's thumb has no name: give it the page's <label for=…> of the slider.
    function syncSlider(thumb) {
        const holder = thumb.closest("[id]");
        const label = holder && document.querySelector('label[for="' + CSS.escape(holder.id) + '"]');
        if (label) set(thumb, "aria-label", label.textContent.trim());
    }
    // A message beside a field (a Div with data-describes="<input id>"): the field is described by it,
    // invalid while the field shows as invalid, and takes decimals on a phone's keyboard ("3,5").
    function syncMessage(message) {
        const input = document.getElementById(message.getAttribute("data-describes"));
        if (!input || !message.id) return;
        set(input, "aria-describedby", message.id);
        set(input, "aria-invalid", input.classList.contains("is-invalid") ? "true" : "false");
        set(input, "inputmode", "decimal");
    }
    function syncAll() {
        document.querySelectorAll("[data-describes]").forEach(syncMessage);
        document.querySelectorAll("input.dash-dropdown-focus-target").forEach(sync);
        document.querySelectorAll("button.dash-dropdown").forEach(syncButton);
        document.querySelectorAll('[role="slider"]').forEach(syncSlider);
    }
    new MutationObserver(syncAll).observe(document.documentElement,
        { subtree: true, childList: true, characterData: true, attributes: true,
          attributeFilter: ["aria-expanded", "aria-hidden"] });
    document.addEventListener("DOMContentLoaded", syncAll);
})();
