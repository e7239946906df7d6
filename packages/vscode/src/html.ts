/** HTML helpers for the webviews: every text from a playbook goes through `escapeHtml`. */

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"'`]/g, c => `&#${c.charCodeAt(0)};`);
}

/** A random nonce for the Content-Security-Policy of one webview page. */
export function makeNonce(): string {
    const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let nonce = '';
    for (let i = 0; i < 32; i++) {
        nonce += chars[Math.floor(Math.random() * chars.length)];
    }
    return nonce;
}

/**
 * A whole webview page: no remote content, no inline handlers; styles and the one script
 * (inline `script`, or the extension's file at `scriptUri`) carry the nonce. `cspSource` is
 * the webview's own origin (for the extension's local resources).
 */
export function webviewPage(options: { nonce: string; cspSource: string; title: string; style: string; body: string; script?: string; scriptUri?: string }): string {
    const { nonce, cspSource } = options;
    const csp = [
        "default-src 'none'",
        `img-src ${cspSource} data:`,
        `style-src 'nonce-${nonce}'`,
        `script-src 'nonce-${nonce}'`
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(options.title)}</title>
<style nonce="${nonce}">${options.style}</style>
</head>
<body>
${options.body}
${options.scriptUri !== undefined ? `<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>` : `<script nonce="${nonce}">${options.script ?? ''}</script>`}
</body>
</html>`;
}
