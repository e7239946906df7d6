/**
 * Text from a playbook inside a Mermaid label. Labels are always written in double quotes,
 * and every character Mermaid or HTML could read as syntax is written as a Mermaid entity
 * code (`#quot;`, `#35;`…), which Mermaid turns into an HTML entity: a title can neither
 * end its label (`"`, `]`, `|`), draw an edge (`-->`), start a comment (`%%`) nor inject
 * markup (`<script>`); `#` itself is encoded, so text that looks like an entity code
 * stays literal. Line breaks become spaces: a label is one line of the diagram source.
 *
 * `:` is encoded too. Before parsing, Mermaid drops the last `;` of every line that matches
 * `style.*:\S*#.*;` or `classDef.*:\S*#.*;` (its own preprocessing of style statements), which
 * would cut the entity code at the end of a label such as `style x:#y; 50%`; without a `:`
 * no label line can match.
 */
const ENTITY: Record<string, string> = {
    '"': '#quot;',
    '#': '#35;',
    '&': '#amp;',
    '<': '#lt;',
    '>': '#gt;',
    '[': '#91;',
    ']': '#93;',
    '(': '#40;',
    ')': '#41;',
    '{': '#123;',
    '}': '#125;',
    '|': '#124;',
    '`': '#96;',
    '%': '#37;',
    '\\': '#92;',
    ':': '#58;'
};

const SPECIAL = /["#&<>[\](){}|`%\\:]/g;
// Line and paragraph separators and every other control character: one space each.
// eslint-disable-next-line no-control-regex
const BREAKS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** The text as the inside of a quoted Mermaid label. */
export function mermaidText(text: string): string {
    return text.replace(BREAKS, ' ').replace(SPECIAL, c => ENTITY[c]);
}

/** A quoted label. */
export function mermaidLabel(text: string): string {
    return `"${mermaidText(text)}"`;
}
