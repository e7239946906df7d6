/**
 * `unresolved-reference`: "Did you mean 'X'?" for the closest declared names of the right kind
 * (the first is the one the message suggests), in a gate's `requires`, a rule's `from`, a
 * condition or a deal; and, for an unknown task in a gate's `requires`, "Create task X in
 * stage S" (the gate's own stage, where a required task belongs).
 */
import type { AstNode, LangiumDocument, Reference } from 'langium';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { closestNames } from '../../utils/did-you-mean.js';
import { resolvePlaybook } from '../../scoping/playbook-variants.js';
import { localFix, type FixContext } from './quick-fix.js';
import { insertTaskEdit } from './text-edits.js';

/** How many names a "did you mean" offers. */
const SUGGESTIONS = 3;

export function fixUnresolvedReference(context: FixContext): CodeAction[] {
    const { document, diagnostic, services } = context;
    const found = findReference(document, diagnostic);
    if (!found) {
        return [];
    }
    const { reference, container, property, index } = found;
    const name = reference.$refText;
    const gate = ast.isGate(container) && property === 'requires' ? container : undefined;
    let candidates = services.references.ScopeProvider.getScope({ reference, container, property, index }).getAllElements();
    if (gate) {
        // Suggesting a later stage's task would trade this error for `gate-requires-later-task`.
        const stages = resolvePlaybook(gate.$container.$container).stages;
        const allowed = new Set(stages.slice(0, stages.indexOf(gate.$container) + 1));
        candidates = candidates.filter(d => !ast.isTask(d.node) || allowed.has(d.node.$container));
    }
    const suggestions = closestNames(name, candidates.map(d => d.name).filter(n => n !== name), SUGGESTIONS);
    // The closest name is the obvious fix only when no other is as close.
    const obvious = suggestions.length === 1 || (suggestions.length > 1 && suggestions[0].distance < suggestions[1].distance);
    const actions = suggestions.map((suggestion, i) =>
        localFix(context, `Did you mean '${suggestion.name}'?`, [{ range: diagnostic.range, newText: suggestion.name }], i === 0 && obvious));
    if (gate && /^\S+$/u.test(name)) {
        const edit = insertTaskEdit(document, gate.$container, `task ${name} required`);
        if (edit) {
            actions.push(localFix(context, `Create task ${name} in stage ${gate.$container.name}`, [edit], suggestions.length === 0));
        }
    }
    return actions;
}

interface FoundReference {
    reference: Reference;
    container: AstNode;
    property: string;
    index?: number;
}

/** The cross-reference the diagnostic is about: the one whose text is exactly its range. */
export function findReference(document: LangiumDocument, diagnostic: Diagnostic): FoundReference | undefined {
    const start = document.textDocument.offsetAt(diagnostic.range.start);
    const end = document.textDocument.offsetAt(diagnostic.range.end);
    for (const candidate of document.references) {
        const node = candidate.$refNode;
        if (!node || node.offset !== start || node.end !== end || !('ref' in candidate)) continue;
        const container = node.astNode;
        for (const [property, value] of Object.entries(container)) {
            if (value === candidate) {
                return { reference: candidate, container, property };
            }
            if (Array.isArray(value) && value.includes(candidate)) {
                return { reference: candidate, container, property, index: value.indexOf(candidate) };
            }
        }
    }
    return undefined;
}
