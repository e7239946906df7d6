/** Texts of a playbook made safe for HTML and SVG (XML): markup characters and characters XML 1.0 forbids. */

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"'`]/g, c => `&#${c.charCodeAt(0)};`);
}

/**
 * Text made safe for XML content and attribute values: as `escapeHtml`, and the control
 * characters and lone surrogates that no XML document may hold (not even as references)
 * become U+FFFD, so that an exported SVG always parses.
 */
export function escapeXml(text: string): string {
    // eslint-disable-next-line no-control-regex
    return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}
