// Functions the grids call by name. Czech sort order: "ch" after "h", "Č" after "C".
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

dagfuncs.czechCompare = function (a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined) return -1;
    if (b === null || b === undefined) return 1;
    // The name column carries a Markdown link: compare its text, not its brackets.
    const text = (v) => String(v).replace(/^\[(.*)\]\(.*\)$/, "$1");
    return text(a).localeCompare(text(b), "cs", { sensitivity: "base", numeric: true });
};
