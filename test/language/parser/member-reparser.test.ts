/**
 * The member reparser (one stage or one deal parsed again after an edit that adds or
 * removes tokens) must give exactly what a parse of the whole text gives, syntax errors
 * included: table-driven edits that it must take, edits it must decline, and random typing
 * sessions compared with a parse after every keystroke.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import type { AstNode, ParseResult } from 'langium';
import { createPlaybookServices } from '@playbook/language';
import { reparseStep, snapshot } from './parse-snapshot.js';

const services = createPlaybookServices().Playbook;
const parser = services.parser.LangiumParser;
const reparser = services.parser.MemberReparser;
const offer = reparser.reparse.bind(reparser);
const parse = (text: string) => parser.parse(text);
const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
const bigAccount = example('big-account.playbook');
const deals = example('big-account-deals.playbook');
const sevenStep = example('seven-step-sales.playbook');
const windowsLineEnds = bigAccount.replace(/\n/g, '\r\n');
const variant = example('jewellery-counter.playbook');

/** Inserts `insert` after the first `find` (plus `offset`), deleting `remove` characters. */
function edit(text: string, find: string, { offset = find.length, remove = 0, insert = '' }: { offset?: number; remove?: number; insert?: string }): string {
    const at = text.indexOf(find);
    if (at < 0) throw new Error(`'${find}' is not in the text`);
    return text.slice(0, at + offset) + insert + text.slice(at + offset + remove);
}

/** Types `typed` one character at a time after `find`, each keystroke reparsed from the last tree; returns how many were taken. */
function typeInto(text: string, find: string, typed: string): number {
    let current = parser.parse(text);
    let position = text.indexOf(find) + find.length;
    let taken = 0;
    for (const character of typed) {
        text = text.slice(0, position) + character + text.slice(position);
        position++;
        const step = reparseStep(offer, parse, current, text, `after typing up to '${typed.slice(0, typed.indexOf(character) + 1)}'`);
        if (step.taken) taken++;
        current = step.next;
    }
    return taken;
}

describe('member reparser', () => {
    it('writing a new task line in a stage: every keystroke parses the stage alone, errors and all', () => {
        const line = '\n    task Extra "Extra task" required owner "Sales"';
        expect(typeInto(bigAccount, 'task CollectInfo "Collect and evaluate customer information" required owner "Sales"', line)).toBe(line.length);
    });

    it('writing a new gate with a condition', () => {
        const gate = '\n    gate Extra { requires Install when accepted and budget > 0 }';
        expect(typeInto(bigAccount, 'task CloseProject "Project closure and final payment" owner "Finance"', gate)).toBeGreaterThan(gate.length - 5);
    });

    it('writing inside a field line', () => {
        expect(typeInto(bigAccount, '  field grade: enum {A, B, C', ', D')).toBe(3);
        // At the end of a field, `=` waits for a value that the next line does not give: the
        // error is then at the next field, outside this one, and the whole text is parsed.
        // (Likewise a word typed into a termination rule ends the rule early.)
        expect(typeInto(bigAccount, '  field grade: enum {A, B, C}', ' = B')).toBeLessThan(4);
    });

    it('writing a new stage after a stage, braces and quotes closed as an editor does', () => {
        // The editor inserts the closing brace or quote with the opening one; the author types over it.
        let text = bigAccount;
        let current = parser.parse(text);
        const anchor = '      when presalesApproved\n    }\n  }';
        let position = text.indexOf(anchor) + anchor.length;
        let taken = 0, keystrokes = 0;
        for (const character of '\n  optional stage Extra "Extra stage" { task ExtraTask owner "Sales" }') {
            keystrokes++;
            if ((character === '}' || character === '"') && text[position] === character && !(character === '"' && text[position - 1] === ' ')) {
                position++;                              // typed over the closing character
                continue;
            }
            const closing = character === '{' ? '}' : character === '"' ? '"' : '';
            text = text.slice(0, position) + character + closing + text.slice(position);
            position++;
            const step = reparseStep(offer, parse, current, text);
            if (step.taken) taken++;
            current = step.next;
        }
        expect(taken).toBeGreaterThan(keystrokes * 0.8);
    });

    it('writing a new event line in a deal', () => {
        const line = '\n  2026-01-13 set grade = B';
        // A date alone on a line ends the deal's events: recovery then skips to the next deal, and that is parsed whole.
        expect(typeInto(deals, '  2026-01-12 set grade = A', line)).toBeGreaterThan(line.length / 2);
    });

    const taken: Array<[string, string, string]> = [
        ['a task line deleted', bigAccount, edit(bigAccount, '    task FindGuide', { offset: 0, remove: '    task FindGuide "Find an internal guide" owner "Sales"\n'.length })],
        ['a gate pasted into a stage', sevenStep, edit(sevenStep, '  stage Prospecting "挖掘 / Prospecting" {', { insert: '\n    gate Pasted { when 1 > 0 }' })],
        ['a word that makes the stage wrong', bigAccount, edit(bigAccount, '    probability 25%', { insert: ' nonsense' })],
        ['a new field typed after a field', bigAccount, edit(bigAccount, '  field grade: enum {A, B, C}', { insert: '\n  field extra: money' })],
        ['a new stage pasted after a stage', sevenStep, edit(sevenStep, '\n  }\n', { offset: 4, insert: '\n  optional stage Pasted "Pasted" { task Extra }' })],
        ['stages removed from a termination rule', bigAccount, edit(bigAccount, 'from Proposal, Bidding, Negotiation', { offset: 5, remove: 'Proposal, '.length })],
        ['a condition added to a termination rule at once', bigAccount, edit(bigAccount, 'terminate Lost "Customer withdrew"', { insert: ' when not canPay' })],
        ['a task typed into a stage of a variant', variant, edit(variant, '    probability 15%', { insert: '\n    task Smile' })],
        ['a new stage of a variant, placed, pasted after a stage', variant, edit(variant, '      when attention\n    }\n  }', { insert: '\n  stage Pause after Browsing { task Wait }' })]
    ];
    it.each(taken)('%s: same result as a parse', (_what, before, after) => {
        const reused = reparser.reparse(parser.parse(before), after);
        expect(reused, 'the reparser declined the edit').toBeDefined();
        expect(snapshot(reused!)).toEqual(snapshot(parser.parse(after)));
    });

    const declined: Array<[string, string, string]> = [
        ['an edit of the stage keyword', bigAccount, edit(bigAccount, '  stage Initiation', { offset: 2, remove: 5, insert: 'gate' })],
        ['an edit across two stages', bigAccount, edit(bigAccount, '    }\n  }\n\n  stage Initiation', { offset: 4, remove: 4 })],
        ['a comment opened in a stage and closed after it', bigAccount,
            edit(edit(bigAccount, '  stage Proposal', { insert: ' /*' }), '  stage Bidding', { offset: 0, insert: '*/' })],
        ['the playbook\'s title line', bigAccount, edit(bigAccount, '  title "大客户销售 / Big-account sales"', { insert: ' x' })],
        ['a closing brace typed inside a stage', bigAccount, edit(bigAccount, '    probability 25%', { insert: ' }' })],
        // A drop is no member parsed alone: the playbook is parsed whole.
        ['a name added to a variant\'s drop', variant, edit(variant, 'drop stage Prospecting', { insert: ', NeedsAssessment' })],
        ['a drop typed after a stage', variant, edit(variant, '      when attention\n    }\n  }', { insert: '\n  drop field price' })],
        // A playbook's activity kinds and cadence rules are not among the members it reparses alone.
        ['an activity kind typed after a field', bigAccount, edit(bigAccount, '  field grade: enum {A, B, C}', { insert: '\n  activity visit' })],
        ['a cadence rule typed after a termination rule', bigAccount, edit(bigAccount, 'terminate Lost "Customer withdrew"', { insert: '\n  cadence every 7 days when grade = A' })],
        // The guard against deep nesting reads the member in its stand-in (from where the member starts) and rejects it: parsed whole.
        ['a condition nested deeper than the limit, typed into a gate', bigAccount,
            edit(bigAccount, '    probability 25%', { insert: `\n    gate Deep { when ${'('.repeat(45)}1 > 0${')'.repeat(45)} }` })]
    ];
    it.each(declined)('declines %s', (_what, before, after) => {
        expect(reparser.reparse(parser.parse(before), after)).toBeUndefined();
    });

    it('random typing sessions inside stages and deals stay equal to a parse', () => {
        const pieces = fc.constantFrom('a', 'x', ' ', '\n', '\r\n', '"', '{', '}', '(', ')', '/', '*', '>', '=', '1', '2026-01-01 ', 'task ', 'gate ', 'when ', 'requires ', 'done ', 'enter ', '%', ',', 'stage ', 'field ', 'terminate ', ': money', 'enum {', 'alias ', 'won ', 'forecast ', 'drop ', 'variant of ', 'after ', 'before ', 'resolved from ');
        let takenCount = 0;
        fc.assert(fc.property(
            fc.constantFrom(bigAccount, deals, sevenStep, windowsLineEnds, variant),
            fc.array(fc.record({ where: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })), remove: fc.integer({ min: 0, max: 3 }), insert: pieces }), { minLength: 1, maxLength: 12 }),
            (start, edits) => {
                let text = start;
                let current: ParseResult<AstNode> = parser.parse(text);
                for (const { where, remove, insert } of edits) {
                    const position = where % (text.length + 1);
                    text = text.slice(0, position) + insert + text.slice(position + remove);
                    const step = reparseStep(offer, parse, current, text);
                    if (step.taken) takenCount++;
                    current = step.next;
                }
            }
        ), { numRuns: 150, seed: 20261124 });
        expect(takenCount).toBeGreaterThan(150);
    });

    it('random typing sessions inside one stage, where most keystrokes leave syntax errors, stay equal to a parse', () => {
        const pieces = fc.constantFrom('a', ' ', '\n', '"', '{', '}', '(', ')', '/', '*', '>', '=', '1', '%', ',', 'task ', 'gate ', 'when ', 'requires ', 'alias ', 'probability ', 'within ', 'owner ', 'required ', 'not ', 'and ', 'in ');
        const stageStart = bigAccount.indexOf('  stage Proposal');
        const bodyStart = bigAccount.indexOf('{', stageStart) + 1;
        const bodyEnd = bigAccount.indexOf('\n  }\n', bodyStart);
        let takenCount = 0;
        fc.assert(fc.property(
            fc.array(fc.record({ where: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })), remove: fc.integer({ min: 0, max: 2 }), insert: pieces }), { minLength: 1, maxLength: 10 }),
            edits => {
                let text = bigAccount, end = bodyEnd;
                let current: ParseResult<AstNode> = parser.parse(text);
                for (const { where, remove, insert } of edits) {
                    const position = bodyStart + where % (end - bodyStart);
                    const removed = Math.min(remove, end - position);
                    text = text.slice(0, position) + insert + text.slice(position + removed);
                    end += insert.length - removed;
                    const step = reparseStep(offer, parse, current, text);
                    if (step.taken) takenCount++;
                    current = step.next;
                }
            }
        ), { numRuns: 150, seed: 20261124 });
        expect(takenCount).toBeGreaterThan(300);
    });
});
