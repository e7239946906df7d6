/**
 * The token-edit reparser must give exactly what a parse of the new text gives: the same
 * tree, values, references and positions. Each case types into an example, checks that the
 * reparser took the edit (so that the comparison is not vacuous) and compares it with a
 * full parse; random edits then look for any difference; edits that change a token's kind
 * must be declined.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import type { AstNode, ParseResult } from 'langium';
import { createPlaybookServices } from '@playbook/language';
import { reparseStep, snapshot } from './parse-snapshot.js';

const services = createPlaybookServices().Playbook;
const parser = services.parser.LangiumParser;
const reparser = services.parser.TokenEditReparser;
const offer = reparser.reparse.bind(reparser);
const parse = (text: string) => parser.parse(text);
const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
const bigAccount = example('big-account.playbook');
const deals = example('big-account-deals.playbook');
const sevenStep = example('seven-step-sales.playbook');
const windowsLineEnds = sevenStep.replace(/\n/g, '\r\n');
const variant = example('jewellery-counter.playbook');

/** Replaces the `occurrence`-th match of `find` (plus `offset` characters) by `insert` after deleting `remove` characters. */
function edit(text: string, find: string, { offset = 0, remove = 0, insert = '' }: { offset?: number; remove?: number; insert?: string }): string {
    const at = text.indexOf(find);
    if (at < 0) throw new Error(`'${find}' is not in the text`);
    const position = at + offset;
    return text.slice(0, position) + insert + text.slice(position + remove);
}

/** Parses `before`, offers `after` to the reparser, and returns its result (or undefined) with a fresh parse of `after`. */
function reparse(before: string, after: string): { reused?: ParseResult<AstNode>; parsed: ParseResult<AstNode> } {
    const previous = parser.parse(before);
    return { reused: reparser.reparse(previous, after), parsed: parser.parse(after) };
}

const taken: Array<[string, string, string]> = [
    ['a letter typed at the end of a title', bigAccount, edit(bigAccount, '  title "', { offset: 9, insert: 'x' })],
    ['a letter typed into a stage name (declaration)', bigAccount, edit(bigAccount, 'stage Initiation', { offset: 10, insert: 'z' })],
    ['a letter deleted from a task name in requires', bigAccount, edit(bigAccount, 'requires ', { offset: 10, remove: 1 })],
    ['a digit typed into a probability', bigAccount, edit(bigAccount, 'probability ', { offset: 12, insert: '1' })],
    ['a deal event\'s task renamed in a done list', deals, edit(deals, 'done FindGuide', { offset: 6, insert: 'Q' })],
    ['a deal\'s playbook name changed', deals, edit(deals, 'for BigAccount', { offset: 7, insert: 'X' })],
    ['a date changed', deals, edit(deals, '2026-01-12 set budget', { offset: 9, remove: 1, insert: '5' })],
    ['a value changed in a set event', deals, edit(deals, 'set budget = 4800000', { offset: 14, insert: '9' })],
    ['a word typed into a comment', bigAccount, edit(bigAccount, '//', { offset: 2, insert: ' note' })],
    ['a line break typed between two tokens', bigAccount, edit(bigAccount, 'stage ', { offset: 0, insert: '\n\n' })],
    ['spaces deleted before a token', sevenStep, edit(sevenStep, '  stage', { offset: 0, remove: 2 })],
    ['an alias edited', sevenStep, edit(sevenStep, 'alias "', { offset: 7, insert: 'x' })],
    ['a whole name replaced at once', bigAccount, edit(bigAccount, 'stage Initiation', { offset: 6, remove: 10, insert: 'Launch' })],
    ['blank lines typed at the end of the file', bigAccount, bigAccount + '\n\n'],
    ['a line typed into a block comment', bigAccount, edit(bigAccount, '/*', { offset: 2, insert: '\n * one more line' })],
    ['a letter typed on a line of Windows line ends', windowsLineEnds, edit(windowsLineEnds, 'stage ', { offset: 6, insert: 'q' })],
    ['a line break typed on a line of Windows line ends', windowsLineEnds, edit(windowsLineEnds, '  stage ', { offset: 0, insert: '\r\n' })],
    // One edit that changes several names (a rename, a multi-cursor edit, a paste over them).
    ['a task renamed with its use in a gate of the same stage', bigAccount, bigAccount.replaceAll('FindGuide', 'FindMentor')],
    ['two tasks of different stages renamed at once', bigAccount, bigAccount.replace('task FindGuide', 'task FindMentor').replace('task SubmitBid', 'task SendBid')],
    ['two uses in one requires list renamed at once', bigAccount, bigAccount.replace('requires AssignCoverage, PresalesReview', 'requires AssignCover, PresalesCheck')],
    ['a field renamed with its uses in conditions', bigAccount, bigAccount.replaceAll('decisionMaker', 'sponsor')],
    ['an enum value renamed with its uses', bigAccount, bigAccount.replaceAll('Shortlisted', 'Listed')],
    ['two names swapped', bigAccount, bigAccount.replace(/\b(FindGuide|CollectInfo)\b/g, name => name === 'FindGuide' ? 'CollectInfo' : 'FindGuide')],
    ['a task renamed in the done events of several deals', deals, deals.replaceAll('FindGuide', 'FindMentor')]
];

describe('token-edit reparser', () => {
    it.each(taken)('%s: same result as a parse', (_what, before, after) => {
        expect(after).not.toBe(before);
        const { reused, parsed } = reparse(before, after);
        expect(reused, 'the reparser declined the edit').toBeDefined();
        expect(snapshot(reused!)).toEqual(snapshot(parsed));
    });

    const declined: Array<[string, string, string]> = [
        ['a new token', bigAccount, edit(bigAccount, 'stage Initiation', { offset: 16, insert: ' x' })],
        ['a name that becomes a keyword', bigAccount, edit(bigAccount, 'stage Initiation', { offset: 6, remove: 10, insert: 'task' })],
        ['a string left open', bigAccount, edit(bigAccount, '  title "', { offset: 8, remove: 1 })],
        ['a token deleted', bigAccount, edit(bigAccount, 'stage Initiation', { offset: 5, remove: 11 })]
    ];
    it.each(declined)('declines %s', (_what, before, after) => {
        expect(reparse(before, after).reused).toBeUndefined();
    });

    it('declines when the earlier text had a syntax error', () => {
        const broken = edit(bigAccount, 'stage Initiation', { offset: 0, insert: '} ' });
        expect(reparse(broken, edit(broken, 'stage Initiation', { offset: 7, insert: 'x' })).reused).toBeUndefined();
    });

    it('replaces the edited node and its ancestors, and keeps the untouched ones', () => {
        const previous = parser.parse(bigAccount);
        const playbook = (previous.value as unknown as { elements: AstNode[] }).elements[0] as unknown as { stages: AstNode[]; fields: AstNode[] };
        const [first, second] = playbook.stages;
        const field = playbook.fields[0];
        const after = edit(bigAccount, `stage ${(second as unknown as { name: string }).name}`, { offset: 7, insert: 'y' });
        const reused = reparser.reparse(previous, after)!;
        const newPlaybook = (reused.value as unknown as { elements: AstNode[] }).elements[0] as unknown as { stages: AstNode[]; fields: AstNode[] };
        expect(reused.value).not.toBe(previous.value);
        expect(newPlaybook).not.toBe(playbook);
        expect(newPlaybook.stages[1]).not.toBe(second);
        expect(newPlaybook.stages[0]).toBe(first);
        expect(newPlaybook.fields[0]).toBe(field);
        expect(first.$container).toBe(newPlaybook);
    });

    it('random one-character edits give the same result as a parse whenever they are taken', () => {
        const alphabet = fc.constantFrom('a', 'Z', '7', ' ', '\n', '\r', '_', '立', '"', '-', '%', ',', '/', '*');
        let takenCount = 0;
        fc.assert(fc.property(
            fc.constantFrom(bigAccount, deals, sevenStep, windowsLineEnds, variant), fc.noBias(fc.integer({ min: 0, max: 1_000_000 })), fc.boolean(), alphabet,
            (text, where, insert, character) => {
                const position = where % text.length;
                const after = insert ? text.slice(0, position) + character + text.slice(position) : text.slice(0, position) + text.slice(position + 1);
                const { reused, parsed } = reparse(text, after);
                if (!reused) return;
                takenCount++;
                expect(snapshot(reused)).toEqual(snapshot(parsed));
            }
        ), { numRuns: 300, seed: 20261124 });
        expect(takenCount).toBeGreaterThan(100);
    });

    it('a typing session (each edit applied to the tree the last one left) stays equal to a parse', () => {
        const alphabet = fc.constantFrom('a', '7', ' ', '\n', '\r', '"', '-', '/', '*', 'é');
        const anEdit = fc.record({ where: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })), remove: fc.integer({ min: 0, max: 2 }), insert: fc.string({ unit: alphabet, maxLength: 3 }) });
        let takenCount = 0;
        fc.assert(fc.property(fc.constantFrom(bigAccount, deals, windowsLineEnds, variant), fc.array(anEdit, { minLength: 1, maxLength: 15 }), (start, edits) => {
            let text = start;
            let current = parser.parse(text);
            for (const { where, remove, insert } of edits) {
                const position = where % (text.length + 1);
                text = text.slice(0, position) + insert + text.slice(position + remove);
                const step = reparseStep(offer, parse, current, text);
                if (step.taken) takenCount++;
                current = step.next;
            }
        }), { numRuns: 200, seed: 20261124 });
        expect(takenCount).toBeGreaterThan(100);
    });
});
