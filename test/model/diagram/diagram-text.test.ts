/** The diagram's line breaking and width estimates (packages/language/src/diagram/diagram-text.ts). */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionSpans, estimateTextWidth, listSpans, TEXT, wrapText, type MeasureText } from '@playbook/model';

/** Ten pixels a character: widths are easy to reason about. */
const tenEach: MeasureText = text => [...text].length * 10;

describe('wrapText', () => {
    it.each([
        ['breaks after spaces', 'Collect and evaluate customer information', 110, ['Collect and ', 'evaluate ', 'customer ', 'information']],
        ['keeps words together when they fit', 'Find an internal guide', 140, ['Find an ', 'internal guide']],
        ['breaks between Chinese characters', '准确的项目信息', 30, ['准确的', '项目信', '息']],
        ['mixes Chinese and Latin', '客户开发 / Development', 110, ['客户开发 / ', 'Development']],
        ['cuts a word wider than a line', 'ContractValueReview', 80, ['Contract', 'ValueRev', 'iew']],
        ['makes line breaks and tabs single spaces', 'a\n\tb', 100, ['a b']],
        ['gives one empty line for an empty text', '', 100, ['']]
    ])('%s', (_, text, width, lines) => {
        expect(wrapText(text, width, TEXT.task, tenEach)).toEqual(lines);
    });

    it('gives the text back when its lines are joined, and every line fits unless it is one character', () => {
        fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 10, max: 300 }), (text, width) => {
            const lines = wrapText(text, width, TEXT.task, tenEach);
            expect(lines.join('')).toBe(text.replace(/\s+/g, ' '));
            for (const line of lines) {
                if ([...line.trimEnd()].length > 1) expect(tenEach(line.trimEnd(), TEXT.task)).toBeLessThanOrEqual(width);
            }
        }));
    });
});

describe('wrapText with parts kept together', () => {
    const stages = ['提案 / Proposal', '招投标 / Bidding', '商务谈判 / Negotiation'];
    it.each([
        ['breaks a condition between its clauses rather than inside a set', 'budget > 0 and grade in {A, B}', 280, conditionSpans,
            ['budget > 0 and ', 'grade in {A, B}']],
        ['breaks a condition between two clauses rather than inside one', 'x and b > 10', 100, conditionSpans, ['x and ', 'b > 10']],
        ['breaks a clause no line holds, keeping the set inside it whole', 'ok and grade in {A, B}', 100, conditionSpans, ['ok and ', 'grade in ', '{A, B}']],
        ['breaks a condition before parentheses rather than inside them', 'a and (b or c)', 100, conditionSpans, ['a and ', '(b or c)']],
        ['keeps a quoted text whole', 'stage == "Closed Won" or x', 140, conditionSpans, ['stage == ', '"Closed Won" ', 'or x']],
        ['breaks a list of stage titles between two titles, not inside one', stages.join(', '), 200, listSpans(stages, ', '),
            ['提案 / Proposal, ', '招投标 / Bidding, ', '商务谈判 / Negotiation']],
        ['breaks inside a part that no line holds', 'x in {Alpha, Beta, Gamma}', 100, conditionSpans, ['x in ', '{Alpha, ', 'Beta, ', 'Gamma}']]
    ])('%s', (_, text, width, together, lines) => {
        expect(wrapText(text, width, TEXT.code, tenEach, together)).toEqual(lines);
    });

    it('still gives the text back, every line fitting unless it is one character', () => {
        const text = fc.array(fc.constantFrom('a', 'bc', ' ', ' and ', ' or ', '{', '}', '(', ')', '"', ',', '客'), { maxLength: 40 }).map(parts => parts.join(''));
        fc.assert(fc.property(text, fc.integer({ min: 10, max: 200 }), (text, width) => {
            const lines = wrapText(text, width, TEXT.code, tenEach, conditionSpans);
            expect(lines.join('')).toBe(text.replace(/\s+/g, ' '));
            for (const line of lines) {
                if ([...line.trimEnd()].length > 1) expect(tenEach(line.trimEnd(), TEXT.code)).toBeLessThanOrEqual(width);
            }
        }));
    });
});

describe('estimateTextWidth', () => {
    it('gives a Chinese character a whole em, and more to bold text', () => {
        expect(estimateTextWidth('客户', TEXT.task)).toBe(2 * TEXT.task.size);
        expect(estimateTextWidth('Sales', TEXT.gateTitle)).toBeGreaterThan(estimateTextWidth('Sales', TEXT.task));
        expect(estimateTextWidth('iiii', TEXT.task)).toBeLessThan(estimateTextWidth('MMMM', TEXT.task));
    });
});
