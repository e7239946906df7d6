/**
 * A playbook's drawing input: its model, and where each part is written in the text (read
 * from the syntax tree), with each condition's own text. The model is built once per AST
 * node (`playbookToModel`); the places come from the same tree, so they always agree.
 */
import type { ConditionPlace, PlaybookDrawing, PlaybookPlaces, SourceRange } from '@playbook/model';
import { CstUtils, GrammarUtils, type AstNode, type CstNode, type Reference } from 'langium';
import type * as ast from '../generated/ast.js';
import { playbookToModel } from '../model/ast-to-model.js';

const NOWHERE: SourceRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function playbookDrawing(playbook: ast.Playbook): PlaybookDrawing {
    return { playbook: playbookToModel(playbook), places: playbookPlaces(playbook) };
}

export function playbookPlaces(playbook: ast.Playbook): PlaybookPlaces {
    return {
        name: nameRange(playbook),
        stages: playbook.stages.map(stage => ({
            name: nameRange(stage),
            tasks: stage.tasks.map(nameRange),
            gates: stage.gates.map(gate => ({
                name: nameRange(gate),
                requires: gate.requires.map(referenceRange),
                when: gate.conditions.map(conditionPlace)
            }))
        })),
        terminations: playbook.terminations.map(rule => ({
            rule: rule.$cstNode?.range ?? NOWHERE,
            // The model's condition: the first `when` (a second one is an error of the text).
            ...(rule.conditions.length > 0 ? { when: conditionPlace(rule.conditions[0]) } : {}),
            from: rule.from.map(referenceRange)
        }))
    };
}

/** The declared name, else the whole declaration (a name lost to a syntax error). */
function nameRange(node: AstNode): SourceRange {
    return GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range ?? node.$cstNode?.range ?? NOWHERE;
}

function referenceRange(reference: Reference): SourceRange {
    return reference.$refNode?.range ?? NOWHERE;
}

function conditionPlace(condition: ast.Expression): ConditionPlace {
    const cst = condition.$cstNode;
    return { range: cst?.range ?? NOWHERE, text: cst ? sourceText(cst) : '' };
}

/**
 * The tokens of a node as the author wrote them (`=` stays `=`, parentheses stay), without
 * the comments and line breaks between them: where the text had anything between two
 * tokens, one space.
 */
export function sourceText(node: CstNode): string {
    let text = '';
    let end: number | undefined;
    for (const leaf of CstUtils.flattenCst(node)) {
        if (leaf.hidden) continue;
        if (end !== undefined && leaf.offset > end) text += ' ';
        text += leaf.text;
        end = leaf.end;
    }
    return text;
}
