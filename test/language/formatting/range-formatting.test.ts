/** `textDocument/rangeFormatting`: the lines of the range are formatted, no others. */
import { describe, expect, it } from 'vitest';
import { expectFormatting } from 'langium/test';
import { format, formatRangeInEditor, services } from './format-helpers.js';

const lines = (...text: string[]): string => text.join('\n');

const messy = lines(
    'playbook P {',
    '      field a:money',
    '   field b :  bool',
    '        stage A {',
    '  task T   required',
    '      }',
    '}'
);

const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number) => ({
    start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter }
});

describe('range formatting', () => {
    it('formats the lines the range touches and nothing else', async () => {
        expect(await formatRangeInEditor(messy, range(1, 3, 2, 1))).toBe(lines(
            'playbook P {',
            '  field a: money',
            '  field b: bool',
            '        stage A {',
            '  task T   required',
            '      }',
            '}'
        ));
    });

    it('re-indents a single line by its depth in the document', async () => {
        expect(await formatRangeInEditor(messy, range(4, 0, 4, 0))).toBe(messy.replace('  task T   required', '    task T required'));
    });

    it('does not take in the line after a selection of whole lines', async () => {
        expect(await formatRangeInEditor(messy, range(1, 0, 2, 0))).toBe(messy.replace('      field a:money', '  field a: money'));
    });

    it('formats everything when the range is the whole document', async () => {
        expect(await formatRangeInEditor(messy, range(0, 0, 6, 1))).toBe(format(messy));
        expect(await formatRangeInEditor(messy, range(0, 0, 99, 0))).toBe(format(messy));
    });

    it('collapses blank lines inside the range only', async () => {
        const text = lines('playbook P {', '  stage A', '', '', '', '  stage B', '', '', '', '  stage C', '}');
        expect(await formatRangeInEditor(text, range(5, 0, 9, 9))).toBe(lines(
            'playbook P {', '  stage A', '', '', '', '  stage B', '', '  stage C', '}'
        ));
    });

    it('leaves a line break across the edge of the range as it is', async () => {
        // The layout joins `required` to `task T`, but `task T` lies outside the range.
        const text = lines('playbook P {', '  stage A {', '    task T', '        required    ', '  }', '}');
        expect(await formatRangeInEditor(text, range(3, 0, 3, 5))).toBe(text.replace('required    ', 'required'));
    });

    it('works through expectFormatting of langium/test', async () => {
        await expectFormatting(services.Playbook)({
            before: messy,
            range: range(3, 0, 5, 7),
            after: lines(
                'playbook P {',
                '      field a:money',
                '   field b :  bool',
                '  stage A {',
                '    task T required',
                '  }',
                '}'
            ),
            disposeAfterCheck: true
        });
    });

    it('keeps trailing comments aligned when formatting their lines', async () => {
        const text = lines('playbook P {', '      field a: money     // first', '      field bb: number   // second', '}');
        expect(await formatRangeInEditor(text, range(1, 0, 2, 0))).toBe(lines(
            'playbook P {', '  field a: money     // first', '      field bb: number   // second', '}'
        ));
    });
});
