/**
 * The fuzz harness's oracles tell a program's internals leaking into a message from an
 * author's own words quoted back: only the first is a failure.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticProblems, internalWords } from '../../fuzz/src/oracles.js';

const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const message = (text: string) => ({ message: text, range, code: 'undeclared-reason' });

describe('internal words in messages', () => {
    it.each([
        ['a message that prints a missing value', 'Task undefined is neither required nor optional', 'task X', ['undefined']],
        ['a quoted name the input holds', "Stage 'undefined' has no gate", 'stage undefined', []],
        ['a quoted text the input does not hold', "Stage 'undefined' has no gate", 'stage x', ['undefined']],
        ['a whole word of another script', 'Stage nullउक has no gate', 'stage nullउक', []]
    ])('%s', (_name, text, input, expected) => {
        expect(internalWords(text, input)).toEqual(expected);
    });

    // A deal's message quotes the reasons declared by its playbook, which may be in another file.
    const dealFile = 'deal D for P { 2026-01-01 terminate Lost "Customer withdrew" }';
    const playbookFile = 'playbook P { terminate Lost "Cus undefined tomer withdrew" }';
    const reasonMessage = message('"Customer withdrew" is not a declared reason for Lost. Declared: "Cus undefined tomer withdrew".');

    it('a message quoting another file of the same input is not a failure', () => {
        expect(diagnosticProblems([reasonMessage], dealFile, `${playbookFile}\n${dealFile}`)).toEqual([]);
    });

    it('the same message is one when no file of the input holds the quoted word', () => {
        expect(diagnosticProblems([reasonMessage], dealFile).map(p => p.oracle)).toEqual(['message']);
    });
});
