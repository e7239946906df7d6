/**
 * Links each diagnostic to its rule's page (LSP `codeDescription`): the editor shows the code
 * as a link in the hover and the Problems view. The pages are read where the server finds a
 * copy of docs/rules beside it (the extension ships one, and so does the server's package), so
 * that they open offline, in the editor, and describe the rules of this very version; else
 * on the web (see `rules-documentation-base.ts`, which the Node server uses to find them; this
 * file stays free of Node so that the services run in a browser too).
 */
import { IssueCodes } from '@playbook/model';
import type { Diagnostic } from 'vscode-languageserver-types';
import { RULES_DOCUMENTATION_URL, ruleDocumentationUrl } from '../../rules/rule-documentation.js';

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(IssueCodes));

export class RuleLinks {
    /** @param base the folder of the pages: a file URL of a local copy, or the web address. */
    constructor(readonly base: string = RULES_DOCUMENTATION_URL) {}

    /** The page of a code, `undefined` for a code that has none. */
    href(code: unknown): string | undefined {
        return typeof code === 'string' && KNOWN_CODES.has(code) ? ruleDocumentationUrl(code, this.base) : undefined;
    }

    /** The diagnostics, each with the link to its page. */
    apply(diagnostics: Diagnostic[]): Diagnostic[] {
        for (const diagnostic of diagnostics) {
            const href = this.href(diagnostic.code);
            if (href) diagnostic.codeDescription = { href };
        }
        return diagnostics;
    }
}
