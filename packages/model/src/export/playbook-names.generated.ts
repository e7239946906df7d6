// Generated from the grammar (packages/language/src/grammar/playbook.langium) by
// packages/language/scripts/generate-playbook-names.mjs: do not edit.

/** The ID terminal's regular expression source, without anchors. */
export const ID_SOURCE = "(?:[_a-zA-Z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u03FF\\u0400-\\u052F\\u0531-\\u058F\\u05D0-\\u05EA\\u0620-\\u064A\\u0900-\\u0DFF\\u0E00-\\u0E7F\\u1100-\\u11FF\\u1E00-\\u1FFF\\u3005-\\u3007\\u3040-\\u30FF\\u3100-\\u312F\\u3130-\\u318F\\u31A0-\\u31BF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uA000-\\uA4CF\\uAC00-\\uD7AF\\uF900-\\uFAFF\\uFF21-\\uFF3A\\uFF41-\\uFF5A\\uFF66-\\uFFDC]|[\\uD840-\\uD8BF][\\uDC00-\\uDFFF])(?:[_a-zA-Z0-9\\u00AA\\u00B5\\u00B7\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0300-\\u036F\\u0370-\\u03FF\\u0400-\\u052F\\u0531-\\u058F\\u05D0-\\u05EA\\u0620-\\u0669\\u0900-\\u0DFF\\u0E00-\\u0E7F\\u1100-\\u11FF\\u1E00-\\u1FFF\\u3005-\\u3007\\u3040-\\u30FF\\u3100-\\u312F\\u3130-\\u318F\\u31A0-\\u31BF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uA000-\\uA4CF\\uAC00-\\uD7AF\\uF900-\\uFAFF\\uFF10-\\uFF19\\uFF21-\\uFF3A\\uFF41-\\uFF5A\\uFF66-\\uFFDC]|[\\uD840-\\uD8BF][\\uDC00-\\uDFFF])*";

/** Every keyword that the ID terminal would otherwise match: reserved, so never a name. Sorted. */
export const KEYWORDS: readonly string[] = [
    "activity",
    "alias",
    "and",
    "bool",
    "by",
    "cadence",
    "date",
    "day",
    "days",
    "deal",
    "done",
    "during",
    "enter",
    "enum",
    "every",
    "false",
    "field",
    "for",
    "forbid",
    "forecast",
    "from",
    "gate",
    "in",
    "money",
    "not",
    "number",
    "optional",
    "or",
    "owner",
    "playbook",
    "probability",
    "regressions",
    "required",
    "requires",
    "set",
    "stage",
    "task",
    "terminate",
    "text",
    "title",
    "true",
    "version",
    "when",
    "within",
    "won"
];
