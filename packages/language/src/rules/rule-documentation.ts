/**
 * Each diagnostic code has a page, `docs/rules/<code>.md` (what it means, why, an example, how
 * to fix it, how to turn it off). The pages are the one source: `rule-pages.generated.ts` holds
 * what the SARIF output needs of them, and the editor links each diagnostic to its page.
 */

/** What the SARIF output carries of a rule's page. */
export interface RulePage {
    /** One sentence: the rule's short description. */
    summary: string;
    /** The default severity. */
    severity: 'error' | 'warning' | 'info';
    /** The page's "What it means" (Markdown). */
    description: string;
    /** The whole page (Markdown). */
    markdown: string;
}

/**
 * The pages on the web, for the SARIF output (read in code scanning, on another machine) and
 * for an editor whose language server finds no copy of them beside it. The repository has no
 * public address yet: `OWNER` stands for its GitHub owner, as in the README's CI section. This
 * is the one place to change when it is published.
 */
export const RULES_DOCUMENTATION_URL = 'https://github.com/OWNER/playbook/blob/main/docs/rules/';

/** The address of a code's page under `base` (a folder URL: https, or file for a local copy). */
export function ruleDocumentationUrl(code: string, base: string = RULES_DOCUMENTATION_URL): string {
    return `${base.endsWith('/') ? base : `${base}/`}${encodeURIComponent(code)}.md`;
}

/** Markdown prose as plain text (for SARIF's `text` fields): links, code spans and emphasis unwrapped, lines joined. */
export function markdownToPlainText(markdown: string): string {
    const unwrapped = markdown
        .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
        .replace(/`([^`]*)`/g, '$1')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1$2');
    return unwrapped.split(/\n[ \t]*\n\s*/).map(paragraph => paragraph.trim().split(/\s*\n\s*/).join(' ')).filter(Boolean).join('\n\n');
}
