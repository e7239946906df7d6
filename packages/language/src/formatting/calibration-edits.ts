/**
 * The edits `playbook calibrate --write` makes, as small changes of the text rather than a
 * reprint of the model, so that every comment and every line the edits do not concern stay
 * as they were:
 * - `set-probability`: the probability's NUMBER token is replaced (or `probability N%` is
 *   added to the stage's body, after its aliases);
 * - `set-within`: the `within` NUMBER token is replaced;
 * - `make-optional`: `optional ` is inserted before the `stage` keyword;
 * - `add-alias`: the name joins the stage's `alias` list (or an `alias` line opens its body).
 * A stage without a body gets one. The lines of the stages edited are then laid out by the
 * formatter (the rest of the file is left as it is).
 *
 * Two steps, so that a caller that parses and validates with services of its own (the CLI,
 * whose parser is built in its start-up snapshot) needs no parser here: `insertCalibrationEdits`
 * works on the syntax tree of the text, `layOutEditedStages` on the parse of the edited text.
 * `applyCalibrationEdits` does both with the given services.
 */
import type { CalibrationSuggestion } from '@playbook/model';
import { GrammarUtils, type ParseResult } from 'langium';
import * as ast from '../generated/ast.js';
import { layoutOf, parsePlaybook, type FormattingServices } from './format-text.js';
import { applyGaps, changedGaps, gapsWithinLines, type Gap } from './layout.js';

export interface InsertedEdits {
    /** The text with the edits, not laid out yet. */
    text: string;
    /** The stages edited (to lay out), in file order. */
    stages: string[];
    /** The suggestions applied, in the order given. */
    applied: CalibrationSuggestion[];
    /** Suggestions that could not be applied, with why (a stage not in this playbook). */
    skipped: Array<{ suggestion: CalibrationSuggestion; why: string }>;
}

interface Change {
    start: number;
    end: number;
    text: string;
    /** Order among changes at one offset (lower first). */
    rank: number;
}

export function insertCalibrationEdits(playbook: ast.Playbook, text: string, suggestions: readonly CalibrationSuggestion[]): InsertedEdits {
    const changes: Change[] = [];
    const applied: CalibrationSuggestion[] = [];
    const skipped: InsertedEdits['skipped'] = [];
    const touched = new Set<ast.Stage>();
    // Per stage: what goes into its body (new declarations), and new names for its alias list.
    const declarations = new Map<ast.Stage, string[]>();
    const aliases = new Map<ast.Stage, string[]>();
    const add = <K, V>(map: Map<K, V[]>, key: K, value: V): void => { map.set(key, [...(map.get(key) ?? []), value]); };

    for (const suggestion of suggestions) {
        const stage = playbook.stages.find(s => s.name === suggestion.stage);
        const cst = stage?.$cstNode;
        if (!stage || !cst) {
            skipped.push({ suggestion, why: `playbook ${playbook.name} has no stage ${suggestion.stage}` });
            continue;
        }
        switch (suggestion.kind) {
            case 'set-probability': {
                const token = GrammarUtils.findNodesForProperty(cst, 'probabilities')[0];
                if (token) changes.push({ start: token.offset, end: token.end, text: String(suggestion.to), rank: 0 });
                else add(declarations, stage, `probability ${suggestion.to}%`);
                break;
            }
            case 'set-within': {
                const token = GrammarUtils.findNodesForProperty(cst, 'withinDays')[0];
                if (!token) {
                    skipped.push({ suggestion, why: `stage ${stage.name} declares no within limit` });
                    continue;
                }
                changes.push({ start: token.offset, end: token.end, text: String(suggestion.to), rank: 0 });
                break;
            }
            case 'make-optional': {
                const keyword = GrammarUtils.findNodeForKeyword(cst, 'stage');
                if (stage.optional || !keyword) {
                    skipped.push({ suggestion, why: `stage ${stage.name} is optional already` });
                    continue;
                }
                changes.push({ start: keyword.offset, end: keyword.offset, text: 'optional ', rank: 0 });
                break;
            }
            case 'add-alias': {
                if (/[\r\n]/.test(suggestion.alias) || suggestion.alias.trim() === '') {
                    skipped.push({ suggestion, why: `"${suggestion.alias}" cannot be an alias: it is blank or spans lines` });
                    continue;
                }
                add(aliases, stage, quote(suggestion.alias));
                break;
            }
        }
        touched.add(stage);
        applied.push(suggestion);
    }

    for (const stage of touched) {
        const cst = stage.$cstNode!;
        const names = aliases.get(stage) ?? [];
        const lastAlias = GrammarUtils.findNodesForProperty(cst, 'aliases').at(-1);
        const body = [...(lastAlias || names.length === 0 ? [] : [`alias ${names.join(', ')}`]), ...(declarations.get(stage) ?? [])];
        if (lastAlias && names.length > 0) {
            changes.push({ start: lastAlias.end, end: lastAlias.end, text: `, ${names.join(', ')}`, rank: 1 });
        }
        if (body.length === 0) continue;
        // After the aliases (`alias …` stays the first line of the body), else at the body's start, else in a new body.
        const at = lastAlias?.end ?? GrammarUtils.findNodeForKeyword(cst, '{')?.end;
        changes.push(at !== undefined
            ? { start: at, end: at, text: ` ${body.join(' ')}`, rank: 2 }
            : { start: cst.end, end: cst.end, text: ` { ${body.join(' ')} }`, rank: 2 });
    }

    // From the end, so that earlier offsets stay right; at one offset, the lower rank first in the text.
    changes.sort((a, b) => b.start - a.start || b.rank - a.rank);
    let edited = text;
    for (const change of changes) edited = edited.slice(0, change.start) + change.text + edited.slice(change.end);
    const stages = playbook.stages.filter(s => touched.has(s)).map(s => s.name);
    return { text: edited, stages, applied, skipped };
}

/**
 * The edited text with the lines of the edited stages laid out by the formatter; `undefined`
 * when the text does not parse (the formatter cannot be sure of its layout) or the playbook or
 * a stage is not found in it.
 */
export function layOutEditedStages(text: string, parseResult: ParseResult, playbookName: string, stages: readonly string[]): string | undefined {
    const gaps = layoutOf(text, parseResult);
    if (!gaps) return undefined;
    const playbook = (parseResult.value as ast.Document).elements.filter(ast.isPlaybook).find(p => p.name === playbookName);
    if (!playbook) return undefined;
    const within: Gap[] = [];
    for (const name of stages) {
        const stage = playbook.stages.find(s => s.name === name)?.$cstNode;
        if (!stage) return undefined;
        const lineStart = text.lastIndexOf('\n', stage.offset - 1) + 1;
        within.push(...gapsWithinLines(text, gaps, lineStart, stage.end));
    }
    // A gap between two stages edited is found twice: once is enough.
    const unique = [...new Map(within.map(gap => [gap.start, gap])).values()].sort((a, b) => a.start - b.start);
    const formatted = applyGaps(text, changedGaps(text, unique));
    // The formatter only rewrites white space: anything else changed would be a bug, never written.
    return withoutSpace(formatted) === withoutSpace(text) ? formatted : undefined;
}

export type CalibrationEditResult =
    | ({ kind: 'edited' } & InsertedEdits)
    | { kind: 'problem'; message: string };

/** Both steps with these services: the text with the suggestions applied and laid out. */
export function applyCalibrationEdits(services: FormattingServices, text: string, playbookName: string, suggestions: readonly CalibrationSuggestion[]): CalibrationEditResult {
    const parsed = parsePlaybook(services, text);
    if (!layoutOf(text, parsed)) return { kind: 'problem', message: 'the playbook has syntax errors: fix them first' };
    const playbook = (parsed.value as ast.Document).elements.filter(ast.isPlaybook).find(p => p.name === playbookName);
    if (!playbook) return { kind: 'problem', message: `the text declares no playbook ${playbookName}` };
    const inserted = insertCalibrationEdits(playbook, text, suggestions);
    const laidOut = layOutEditedStages(inserted.text, parsePlaybook(services, inserted.text), playbookName, inserted.stages);
    if (laidOut === undefined) return { kind: 'problem', message: 'the edited text could not be laid out by the formatter' };
    return { kind: 'edited', ...inserted, text: laidOut };
}

function quote(text: string): string {
    return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

function withoutSpace(text: string): string {
    return text.replace(/\s+/g, '');
}
