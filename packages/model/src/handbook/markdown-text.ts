/**
 * Text from a playbook inside Markdown. The handbook is read rendered (GitHub, a wiki, an
 * editor preview), and titles are free text: `<`, `>` and `&` become HTML entities so
 * that no title injects markup (`<script>` shows as text), Markdown punctuation is
 * backslash-escaped so that no title makes emphasis, links, headings or table cells, and
 * line breaks become spaces so that no title starts a block of its own.
 */
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

// Characters that can open or close inline Markdown anywhere in a line, plus `#` (a
// heading's closing sequence) and `|` (a table cell). `!` and `(` only matter after `[`,
// which is escaped.
const MARKDOWN = /[\\`*_[\]#|~]/g;
// eslint-disable-next-line no-control-regex
const BREAKS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** The text as inline Markdown that renders exactly as the characters given. */
export function markdownText(text: string): string {
    return text
        .replace(BREAKS, ' ')
        .trim()
        .replace(/[&<>]/g, c => HTML[c])
        .replace(MARKDOWN, c => `\\${c}`);
}

/**
 * The text where it begins a block, e.g. as the content of a list item: a leading `-`,
 * `+` or `1.` would otherwise open a nested list.
 */
export function markdownBlockText(text: string): string {
    return markdownText(text).replace(/^[+-]/, '\\$&').replace(/^(\d+)([.)])/, '$1\\$2');
}
