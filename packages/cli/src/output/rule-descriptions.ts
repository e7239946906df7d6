/**
 * SARIF's rule list, from the rule pages (docs/rules/<code>.md, through RULE_PAGES): the
 * summary as the short description, "What it means" as the full description, the page as the
 * help code scanning shows beside an alert, and the page's address as helpUri.
 */
import { markdownToPlainText, RULE_PAGES, ruleDocumentationUrl } from '@playbook/language';
import type { IssueCode } from '@playbook/model';

export interface SarifRule {
    id: string;
    name: string;
    shortDescription: { text: string };
    fullDescription?: { text: string; markdown: string };
    help?: { text: string; markdown: string };
    helpUri?: string;
    defaultConfiguration?: { level: 'error' | 'warning' | 'note' };
}

const LEVELS = { error: 'error', warning: 'warning', info: 'note' } as const;

/** Every documented rule, in the order of the pages' codes. */
export function documentedRules(): SarifRule[] {
    return (Object.keys(RULE_PAGES) as IssueCode[]).map(sarifRule);
}

export function sarifRule(code: IssueCode): SarifRule {
    const page = RULE_PAGES[code];
    const helpUri = ruleDocumentationUrl(code);
    return {
        id: code,
        name: ruleName(code),
        shortDescription: { text: page.summary },
        fullDescription: { text: markdownToPlainText(page.description), markdown: page.description },
        help: { text: `${markdownToPlainText(page.description)} See ${helpUri}`, markdown: page.markdown },
        helpUri,
        defaultConfiguration: { level: LEVELS[page.severity] }
    };
}

/** A rule the pages do not know (a code newer than this build's pages): its id and name only. */
export function undocumentedRule(code: string): SarifRule {
    return { id: code, name: ruleName(code), shortDescription: { text: `Playbook check ${code}.` } };
}

/** `stage-skip` → `StageSkip`: SARIF's rule names are identifiers. */
function ruleName(id: string): string {
    return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}
