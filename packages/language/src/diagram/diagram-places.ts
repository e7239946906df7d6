/**
 * A playbook's drawing input: its model, and where each part is written in the text (read
 * from the syntax tree), with each condition's own text. The model is built once per AST
 * node (`playbookToModel`); the places come from the same tree, so they always agree.
 */
import type { ConditionPlace, PlaybookDrawing, PlaybookPlaces, SourceRange } from '@playbook/model';
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type CstNode, type Reference } from 'langium';
import * as ast from '../generated/ast.js';
import { playbookToModel } from '../model/ast-to-model.js';
import { resolvePlaybook } from '../scoping/playbook-variants.js';

const NOWHERE: SourceRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function playbookDrawing(playbook: ast.Playbook): PlaybookDrawing {
    return { playbook: playbookToModel(playbook), places: playbookPlaces(playbook) };
}

/**
 * A variant's places are those of its resolved stages and rules, as its model's are. What it
 * inherits is written in its base's file: those parts point at `variant of Base` in this one,
 * where the author goes to the base.
 */
export function playbookPlaces(playbook: ast.Playbook): PlaybookPlaces {
    const resolved = resolvePlaybook(playbook);
    const baseRange = playbook.base?.$refNode?.range ?? nameRange(playbook);
    const here = (node: AstNode): boolean => AstUtils.getContainerOfType(node, ast.isPlaybook) === playbook;
    const at = <T extends AstNode>(node: T, range: (node: T) => SourceRange): SourceRange => (here(node) ? range(node) : baseRange);
    return {
        name: nameRange(playbook),
        stages: resolved.stages.map(stage => ({
            name: at(stage, nameRange),
            tasks: stage.tasks.map(task => at(task, nameRange)),
            gates: stage.gates.map(gate => ({
                name: at(gate, nameRange),
                requires: gate.requires.map(reference => (here(gate) ? referenceRange(reference) : baseRange)),
                when: gate.conditions.map(condition => (here(gate) ? conditionPlace(condition) : { range: baseRange, text: condition.$cstNode ? sourceText(condition.$cstNode) : '' }))
            }))
        })),
        terminations: resolved.terminations.map(rule => ({
            rule: here(rule) ? rule.$cstNode?.range ?? NOWHERE : baseRange,
            // The model's condition: the first `when` (a second one is an error of the text).
            ...(rule.conditions.length > 0 ? { when: here(rule) ? conditionPlace(rule.conditions[0]) : { range: baseRange, text: rule.conditions[0].$cstNode ? sourceText(rule.conditions[0].$cstNode) : '' } } : {}),
            from: rule.from.map(reference => (here(rule) ? referenceRange(reference) : baseRange))
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
