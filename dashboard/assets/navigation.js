// The navigation bar's "Menu" button on a narrow screen: open or close the menu, and say which it is.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    socmap: Object.assign({}, (window.dash_clientside || {}).socmap, {
        toggleMenu: function (_clicks, isOpen) {
            return [!isOpen, isOpen ? "false" : "true"];
        },
    }),
});
