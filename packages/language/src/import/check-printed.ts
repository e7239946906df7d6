/**
 * The last check of an import: the printed `.playbook` text is checked as `playbook check`
 * checks it (types of conditions, defaults and `set` values among the rest), so that an
 * import never writes a file that `check` rejects for something the JSON said. Each error is
 * reported at the JSON path of what the text was printed from.
 *
 * A deal's violations (a gate not met, a skipped stage) are what the deal did: a record, not
 * an error of the JSON, so they do not stop an import.
 */
import { DEAL_VIOLATION_CODES, type PlaybookDocument, type SchemaProblem } from '@playbook/model';
import { CstUtils, URI, type AstNode } from 'langium';
import { validateText } from '../parse-helpers.js';
import { createPlaybookServices, type PlaybookCoreServices } from '../playbook-module.js';

let services: PlaybookCoreServices | undefined;
let counter = 0;

/** The errors of `text`, printed from `documents` (`paths[i]` the JSON path of `documents[i]`). */
export async function checkPrintedText(text: string, documents: readonly PlaybookDocument[], paths: readonly string[]): Promise<SchemaProblem[]> {
    services ??= createPlaybookServices();
    const name = `memory:///import-${++counter}.playbook`;
    const uri = URI.parse(name);
    const workspace = services.shared.workspace;
    try {
        const { document, diagnostics } = await validateText(services, text, name);
        const errors = diagnostics.filter(d => (d.severity ?? 1) === 1 && !DEAL_VIOLATION_CODES.has(String(d.code)));
        if (errors.length === 0) {
            return [];
        }
        // The printer writes each document's playbook, then its deals: the top-level elements in order.
        const elementPaths = documents.flatMap((document, i) => [`${paths[i]}/playbook`, ...(document.deals ?? []).map((_, d) => `${paths[i]}/deals/${d}`)]);
        const root = document.parseResult.value;
        return errors.map(error => {
            // The smallest node that holds the whole range the error is reported on.
            const end = document.textDocument.offsetAt(error.range.end);
            let node = root.$cstNode && CstUtils.findLeafNodeAtOffset(root.$cstNode, document.textDocument.offsetAt(error.range.start))?.astNode;
            while (node?.$container && node.$cstNode && node.$cstNode.end < end) node = node.$container;
            const path = (node ? jsonPathOf(node, elementPaths) : undefined) ?? paths[0] ?? '';
            return { path, message: typeof error.message === 'string' ? error.message : error.message.value };
        });
    } finally {
        // Out of the workspace again: the next import must not see these names.
        if (workspace.LangiumDocuments.hasDocument(uri)) workspace.LangiumDocuments.deleteDocument(uri);
        workspace.IndexManager.remove(uri);
    }
}

/** Names of AST properties in the JSON model, where they differ. */
const PROPERTY_NAMES: Record<string, string> = {
    'Gate.conditions': 'when',
    'Terminate.conditions': 'when'
};

/** AST lists of which the model keeps one value (the first): a rule's `when` is one condition in JSON. */
const KEPT_ONE = new Set(['Terminate.conditions']);

/** The JSON path of an AST node of the printed text: its container chain, property by property. */
function jsonPathOf(node: AstNode, elementPaths: readonly string[]): string | undefined {
    const segments: string[] = [];
    let current: AstNode | undefined = node;
    while (current?.$container) {
        const container: AstNode = current.$container;
        const property = current.$containerProperty;
        const index = current.$containerIndex;
        if (container.$type === 'Document') {
            const base = index === undefined ? undefined : elementPaths[index];
            return base === undefined ? undefined : base + segments.reverse().join('');
        }
        // Parentheses and the wrappers of a value or an enum type are not in the model.
        const transparent = container.$type === 'ParenthesizedExpression' || container.$type === 'NegatedNumber'
            || (container.$type === 'Field' && property === 'type' && current.$type === 'EnumType');
        if (!transparent && property) {
            const key = `${container.$type}.${property}`;
            const name = PROPERTY_NAMES[key] ?? property;
            segments.push(index === undefined || KEPT_ONE.has(key) ? `/${name}` : `/${name}/${index}`);
        }
        current = container;
    }
    return undefined;
}
