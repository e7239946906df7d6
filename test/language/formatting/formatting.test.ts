/** The canonical layout: exact output for messy input, comments, blank lines, syntax errors. */
import { describe, expect, it } from 'vitest';
import { expectFormatting } from 'langium/test';
import { formatPlaybookText, isPlaybookTextFormatted } from '@playbook/language';
import { documentOf, format, formatInEditor, services, tokens } from './format-helpers.js';

const lines = (...text: string[]): string => text.join('\n');

describe('canonical layout', () => {
    const messy = lines(
        '',
        '',
        '// A messy playbook',
        '   playbook   Sales{ title   "Sales"',
        '      version "1.0"   forbid    regressions',
        '',
        '',
        '',
        'field budget :money=0          // what the buyer can spend',
        '    field grade:enum{ A ,B,C }',
        '  field   debt : number = - 5',
        '  stage Lead "First contact"{ alias "Lead","New lead" probability 10 % within 14   days',
        '  task Call "Call the lead"   required   owner "SDR"   task Qualify',
        '      gate Qualified "Qualified"{requires Call,Qualify when budget>0 and grade in{A,B}',
        '  when  not( debt*2 )<=-(budget+1)}',
        '  }',
        '',
        '  optional stage Demo',
        '  stage Close { /* the last stage */',
        '    task Sign',
        '',
        '    // nothing else to do',
        '',
        '  }',
        '  stage Empty{ }',
        'terminate Lost "Lost" when budget<=0 from Lead , Demo',
        '}',
        'deal Acme "Acme" for Sales{2026-01-01 enter Lead 2026-01-02 done Call,Qualify',
        '    2026-01-02   set budget=5000 2026-01-03 set grade =A',
        '2026-01-05 terminate Lost "Lost"   }',
        '',
        ''
    );
    const canonical = lines(
        '// A messy playbook',
        'playbook Sales {',
        '  title "Sales"',
        '  version "1.0"',
        '  forbid regressions',
        '',
        '  field budget: money = 0        // what the buyer can spend',
        '  field grade: enum {A, B, C}',
        '  field debt: number = -5',
        '  stage Lead "First contact" {',
        '    alias "Lead", "New lead"',
        '    probability 10%',
        '    within 14 days',
        '    task Call "Call the lead" required owner "SDR"',
        '    task Qualify',
        '    gate Qualified "Qualified" {',
        '      requires Call, Qualify',
        '      when budget > 0 and grade in {A, B}',
        '      when not (debt * 2) <= -(budget + 1)',
        '    }',
        '  }',
        '',
        '  optional stage Demo',
        '  stage Close { /* the last stage */',
        '    task Sign',
        '',
        '    // nothing else to do',
        '  }',
        '  stage Empty {}',
        '  terminate Lost "Lost" when budget <= 0 from Lead, Demo',
        '}',
        'deal Acme "Acme" for Sales {',
        '  2026-01-01 enter Lead',
        '  2026-01-02 done Call, Qualify',
        '  2026-01-02 set budget = 5000',
        '  2026-01-03 set grade = A',
        '  2026-01-05 terminate Lost "Lost"',
        '}',
        ''
    );

    it('turns a messy playbook into the exact canonical text', () => {
        expect(formatPlaybookText(services, messy)).toEqual({ ok: true, text: canonical, changed: true });
    });

    it('leaves the canonical text as it is', () => {
        expect(formatPlaybookText(services, canonical)).toEqual({ ok: true, text: canonical, changed: false });
        expect(isPlaybookTextFormatted(services, canonical)).toBe(true);
        expect(isPlaybookTextFormatted(services, messy)).toBe(false);
    });

    it('keeps every token and comment in order', () => {
        expect(tokens(format(messy))).toEqual(tokens(messy));
    });

    it('is what the editor gets (expectFormatting of langium/test)', async () => {
        await expectFormatting(services.Playbook)({ before: messy, after: canonical, disposeAfterCheck: true });
        await expectFormatting(services.Playbook)({ before: canonical, after: canonical, disposeAfterCheck: true });
    });

    it('writes expressions with single spaces around operators and none inside parentheses', () => {
        const text = 'playbook P { field a: number field b: days stage S { gate G { when ( a+1 )*-2>=a/ 3 or a-1!=2 or b==3 days or a<10% or not - a > 0 } } }';
        expect(format(text)).toBe(lines(
            'playbook P {',
            '  field a: number',
            '  field b: days',
            '  stage S {',
            '    gate G {',
            '      when (a + 1) * -2 >= a / 3 or a - 1 != 2 or b == 3 days or a < 10% or not -a > 0',
            '    }',
            '  }',
            '}',
            ''
        ));
    });

    it('writes field defaults, negative values, enum values with a trailing comma and dates', () => {
        const text = 'playbook P{field a:money=-5 field b :enum { X,Y, } = X field c:date=2026-01-01 field d:text="x" field e:bool=false field f:days=-3days}';
        expect(format(text)).toBe(lines(
            'playbook P {',
            '  field a: money = -5',
            '  field b: enum {X, Y,} = X',
            '  field c: date = 2026-01-01',
            '  field d: text = "x"',
            '  field e: bool = false',
            '  field f: days = -3 days',
            '}',
            ''
        ));
    });

    it('puts the forecast field and each CRM name declaration of an end on a line of its own', () => {
        const text = 'playbook P{forecast   amount field amount:money stage S terminate Lost "r" won alias"Closed Won" ,"Signed" terminate Lost alias "Closed Lost"}';
        expect(format(text)).toBe(lines(
            'playbook P {',
            '  forecast amount',
            '  field amount: money',
            '  stage S',
            '  terminate Lost "r"',
            '  won alias "Closed Won", "Signed"',
            '  terminate Lost alias "Closed Lost"',
            '}',
            ''
        ));
    });

    it('keeps short stages and gates without a body on one line', () => {
        expect(format('playbook P {\n  stage A\n  optional   stage B "b"\n  stage C { task T gate G "g" }\n}\n')).toBe(lines(
            'playbook P {',
            '  stage A',
            '  optional stage B "b"',
            '  stage C {',
            '    task T',
            '    gate G "g"',
            '  }',
            '}',
            ''
        ));
    });

    it('joins a declaration written over several lines', () => {
        expect(format('playbook P {\n  stage A { task\n    T "t"\n    required\n  }\n  terminate Lost\n  "r"\n  from\n  A,\n  B\n}\n')).toBe(lines(
            'playbook P {',
            '  stage A {',
            '    task T "t" required',
            '  }',
            '  terminate Lost "r" from A, B',
            '}',
            ''
        ));
    });

    it('writes empty bodies as {} and an empty playbook on one line', () => {
        expect(format('playbook P {\n\n}\ndeal D for P {   }')).toBe('playbook P {}\ndeal D for P {}\n');
    });

    it('formats empty and blank documents to nothing', () => {
        expect(formatPlaybookText(services, '')).toEqual({ ok: true, text: '', changed: false });
        expect(formatPlaybookText(services, '  \n\n\t\n')).toEqual({ ok: true, text: '', changed: true });
    });

    it('keeps the document\'s CRLF line breaks', () => {
        expect(format('playbook P {\r\n    stage A   // a\r\n\r\n\r\n  stage B\r\n}')).toBe('playbook P {\r\n  stage A   // a\r\n\r\n  stage B\r\n}\r\n');
    });

    it('keeps Unicode names and titles', () => {
        expect(format('playbook 客户关系 { stage 陌生期 "陌生期 / Unfamiliar" { task 客户规划 required } }'))
            .toBe('playbook 客户关系 {\n  stage 陌生期 "陌生期 / Unfamiliar" {\n    task 客户规划 required\n  }\n}\n');
    });
});

describe('comments', () => {
    it('keeps a trailing line comment after its code, at the column the author aligned it to', () => {
        const text = lines(
            'playbook P {',
            '  field a: money          // first',
            '  field bb:number         // second',
            '  field ccc : bool        // third',
            '}'
        );
        expect(format(text)).toBe(lines(
            'playbook P {',
            '  field a: money          // first',
            '  field bb: number        // second',
            '  field ccc: bool         // third',
            '}',
            ''
        ));
    });

    it('keeps the alignment of trailing comments when a block is re-indented', () => {
        const text = lines(
            'playbook P {',
            '      field a: money     // first',
            '      field bb: number   // second',
            '}'
        );
        expect(format(text)).toBe(lines(
            'playbook P {',
            '  field a: money     // first',
            '  field bb: number   // second',
            '}',
            ''
        ));
    });

    it('puts a trailing comment one space after code that reaches its column', () => {
        expect(format('playbook P {\n  field a:money=1000000// sum\n}\n'))
            .toBe('playbook P {\n  field a: money = 1000000 // sum\n}\n');
    });

    it('continues a declaration broken by a line comment on the next line, one level deeper', () => {
        const text = lines(
            'playbook P {',
            '  terminate Lost "r" // automatic',
            'when a > 0    // and limited',
            '        from A, B',
            '  stage A { gate G { when a // first part',
            '  and b } }',
            '}'
        );
        expect(format(text)).toBe(lines(
            'playbook P {',
            '  terminate Lost "r" // automatic',
            '    when a > 0    // and limited',
            '    from A, B',
            '  stage A {',
            '    gate G {',
            '      when a // first part',
            '        and b',
            '    }',
            '  }',
            '}',
            ''
        ));
    });

    it('keeps a comment on its own line there, indented like the declaration after it', () => {
        const text = lines(
            '// file header',
            'playbook P {',
            '// before the field',
            '      field a: money',
            '        /* a block comment',
            '           over two lines */',
            'stage A {',
            '// inside, before the end',
            '}',
            '           // before the end of the playbook',
            '}',
            '   // at the end of the file'
        );
        expect(format(text)).toBe(lines(
            '// file header',
            'playbook P {',
            '  // before the field',
            '  field a: money',
            '  /* a block comment',
            '           over two lines */',
            '  stage A {',
            '    // inside, before the end',
            '  }',
            '  // before the end of the playbook',
            '}',
            '// at the end of the file',
            ''
        ));
    });

    it('keeps block comments verbatim, inline or leading a declaration', () => {
        const text = 'playbook P {\n  field a:/* the  type */money\n  /* since 2026 */   field b: bool\n  stage A /*x*/ { /*y*/ }\n}\n';
        expect(format(text)).toBe(lines(
            'playbook P {',
            '  field a: /* the  type */ money',
            '  /* since 2026 */ field b: bool',
            '  stage A /*x*/ { /*y*/',
            '  }',
            '}',
            ''
        ));
    });

    it('puts code after a block comment on a new line when the author did', () => {
        expect(format('playbook P {\n  stage A {\n    task T /* why */\n    required\n  }\n}\n'))
            .toBe('playbook P {\n  stage A {\n    task T /* why */\n      required\n  }\n}\n');
    });

    it('moves the next declaration after a trailing block comment to its own line', () => {
        expect(format('playbook P { stage A /* a */ stage B }')).toBe('playbook P {\n  stage A /* a */\n  stage B\n}\n');
    });
});

describe('blank lines', () => {
    it('keeps one blank line between declarations, none after { or before }', () => {
        const text = lines(
            '',
            'playbook P {',
            '',
            '',
            '  stage A',
            '',
            '',
            '',
            '  stage B',
            '  stage C',
            '',
            '}',
            '',
            '',
            'deal D for P {',
            '',
            '  2026-01-01 enter A',
            '',
            '  2026-01-02 enter B',
            '',
            '}',
            '',
            ''
        );
        expect(format(text)).toBe(lines(
            'playbook P {',
            '  stage A',
            '',
            '  stage B',
            '  stage C',
            '}',
            '',
            'deal D for P {',
            '  2026-01-01 enter A',
            '',
            '  2026-01-02 enter B',
            '}',
            ''
        ));
    });

    it('drops blank lines inside a declaration it joins', () => {
        expect(format('playbook P {\n  stage A {\n    task T\n\n\n    required\n  }\n}\n')).toBe('playbook P {\n  stage A {\n    task T required\n  }\n}\n');
    });
});

describe('documents with syntax errors', () => {
    const broken = [
        ['a parser error', 'playbook P {\n    stage    A {\n  task\n}\n'],
        ['a missing brace', 'playbook   P {\n  stage A'],
        ['a lexer error', 'playbook P {\n   field a: money § \n}\n'],
        ['an unterminated string', 'playbook P {\n  title "oops\n}\n'],
        ['a deal event without a date', 'deal D for P {\n  enter A\n}\n'],
        ['parentheses nested too deeply', `playbook P { gate G { when ${'('.repeat(100)}a${')'.repeat(100)} } }`],
        ['binary garbage', '\u0000\u0001\u00ff{{{"'],
        ['a stray closing brace', 'playbook P {}\n}\n']
    ] as const;

    it.each(broken)('reports %s through the API and does not format', (_name, text) => {
        const result = formatPlaybookText(services, text, 'broken.playbook');
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error).toBe('syntax');
        expect(result.diagnostics.length).toBeGreaterThan(0);
        for (const diagnostic of result.diagnostics) {
            expect(diagnostic).toMatchObject({ file: 'broken.playbook', severity: 'error', code: 'syntax-error' });
            expect(diagnostic.line).toBeGreaterThanOrEqual(1);
            expect(diagnostic.column).toBeGreaterThanOrEqual(1);
        }
    });

    it.each(broken)('leaves %s untouched in the editor', async (_name, text) => {
        const document = documentOf(text);
        const formatter = services.Playbook.lsp.Formatter!;
        const options = { tabSize: 2, insertSpaces: true };
        expect(await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options })).toEqual([]);
        expect(await formatter.formatDocumentRange(document, {
            textDocument: { uri: document.uri.toString() }, options,
            range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }
        })).toEqual([]);
        expect(await formatInEditor(text)).toBe(text);
    });

    it('reports the position of the error', () => {
        const result = formatPlaybookText(services, 'playbook P {\n  stage A {\n    task\n  }\n}\n', 'x.playbook');
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.diagnostics[0]).toMatchObject({ line: 4, column: 3 });
    });
});

describe('the editor service', () => {
    it('is bound and advertised without on-type formatting', () => {
        const formatter = services.Playbook.lsp.Formatter!;
        expect(formatter).toBeDefined();
        expect(formatter.formatOnTypeOptions).toBeUndefined();
    });

    it('edits only whitespace, in small edits', async () => {
        const text = 'playbook P {\n    stage A\n  stage   B\n}\n';
        const document = documentOf(text);
        const edits = await services.Playbook.lsp.Formatter!.formatDocument(document, {
            textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true }
        });
        expect(edits).toEqual([
            { range: { start: { line: 0, character: 12 }, end: { line: 1, character: 4 } }, newText: '\n  ' },
            { range: { start: { line: 2, character: 7 }, end: { line: 2, character: 10 } }, newText: ' ' }
        ]);
    });

    it('ignores the editor\'s tab size: the layout is the house style', async () => {
        expect(await formatInEditor('playbook P { stage A }')).toBe('playbook P {\n  stage A\n}\n');
    });
});
