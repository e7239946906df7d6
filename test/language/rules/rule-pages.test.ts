/**
 * docs/rules: a page per diagnostic code, with every section; each page's example really
 * produces its code (at the severity the page gives) and its fixed example does not; the
 * index and the module generated from the pages are up to date.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPlaybookTextFormatted, markdownToPlainText, RULE_PAGES } from '@playbook/language';
import { IssueCodes } from '@playbook/model';
import { QUICK_FIXES } from '../../../packages/language/src/lsp/code-actions/playbook-code-action-provider.js';
import { check, testServices } from '../../helpers.js';

const rulesDir = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));
const generator = fileURLToPath(new URL('../../../packages/language/scripts/generate-rule-pages.mjs', import.meta.url));
const SECTIONS = ['What it means', 'Why', 'Example', 'How to fix', 'How to turn it off'];
const codes = Object.values(IssueCodes);

interface Page {
    summary: string;
    facts: Record<string, string>;
    sections: Map<string, string>;
}

function readPage(code: string): Page {
    const text = readFileSync(`${rulesDir}${code}.md`, 'utf8');
    const [head, ...parts] = text.split(/^## /m);
    const [title, summary, factList] = head.trim().split(/\n\n+/);
    expect(title).toBe(`# ${code}`);
    const facts = Object.fromEntries([...(factList ?? '').matchAll(/^- \*\*(.+?)\*\*: (.+)$/gm)].map(m => [m[1], m[2]]));
    const sections = new Map(parts.map(part => {
        const newline = part.indexOf('\n');
        return [part.slice(0, newline).trim(), part.slice(newline + 1).trim()] as const;
    }));
    return { summary, facts, sections };
}

function playbookBlocks(markdown: string): string[] {
    return [...markdown.matchAll(/```playbook\n([\s\S]*?)```/g)].map(m => m[1]);
}

describe('docs/rules', () => {
    it('has a page for every code, and no page for a code that does not exist', () => {
        const pages = readdirSync(rulesDir).filter(name => name.endsWith('.md') && name !== 'README.md').map(name => name.slice(0, -3));
        expect(pages.sort()).toEqual([...codes].sort());
    });

    it('lists every page in its index', () => {
        const index = readFileSync(`${rulesDir}README.md`, 'utf8');
        for (const code of codes) {
            expect(index).toContain(`[\`${code}\`](${code}.md)`);
        }
    });

    it('generated the index and the rules module from the pages as they are', () => {
        const result = spawnSync(process.execPath, [generator, '--check'], { encoding: 'utf8' });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        for (const code of codes) {
            expect(RULE_PAGES[code].markdown).toBe(readFileSync(`${rulesDir}${code}.md`, 'utf8').replace(/\r\n?/g, '\n').trimEnd() + '\n');
        }
    });

    describe.each(codes)('%s', code => {
        const page = readPage(code);

        it('has a summary, its severity, what it applies to, its quick fix, and every section in order', () => {
            expect(page.summary).toMatch(/^[A-Z].*\.$/s);
            expect(Object.keys(page.facts)).toEqual(['Severity', 'Applies to', 'Quick fix']);
            expect([...page.sections.keys()]).toEqual(SECTIONS);
            for (const [title, body] of page.sections) {
                expect(body.length, title).toBeGreaterThan(40);
            }
        });

        it('says whether it has a quick fix as the editor does', () => {
            const hasFix = Object.hasOwn(QUICK_FIXES, code);
            expect(page.facts['Quick fix'], 'a fix: "yes — what it does"; none: "none — why"').toMatch(hasFix ? /^yes — \S/ : /^none — \S/);
        });

        it('its example produces the code at the page\'s severity; its fixed example does not', async () => {
            const [example] = playbookBlocks(page.sections.get('Example')!);
            const [fixed] = playbookBlocks(page.sections.get('How to fix')!);
            expect(example, 'a ```playbook example').toBeDefined();
            expect(fixed, 'a ```playbook block of the example fixed').toBeDefined();
            const found = (await check(example)).filter(d => d.code === code);
            expect(found.length, `${code} in:\n${example}`).toBeGreaterThan(0);
            expect(found.map(d => d.severity)).toContain(page.facts.Severity);
            expect((await check(fixed)).map(d => d.code)).not.toContain(code);
            // Both in the formatter's layout (a syntax error cannot be laid out).
            if (code !== IssueCodes.SyntaxError) {
                expect(isPlaybookTextFormatted(testServices(), example), 'the example is formatted').toBe(true);
            }
            expect(isPlaybookTextFormatted(testServices(), fixed), 'the fixed example is formatted').toBe(true);
        });

        it('says how to turn it off in the editor, and what the command line does', () => {
            // Prose is wrapped at any space.
            const off = page.sections.get('How to turn it off')!.replace(/\s+/g, ' ');
            expect(off).toContain(`{ "playbook.severityOverrides": { "${code}": "off" } }`);
            expect(off).toContain('The command line has no option to turn a rule off');
            expect(off).toContain(page.facts.Severity === 'error' ? 'fails the check (exit 1)' : 'never fails the check (exit 0)');
        });
    });
});

describe('markdownToPlainText', () => {
    it.each([
        ['A `when` on\nits *own* line, see [semver](https://semver.org).', 'A when on its own line, see semver.'],
        ['**Two**\nlines.\n\nA second\n  paragraph.\n', 'Two lines.\n\nA second paragraph.']
    ])('%j → %j', (markdown, text) => {
        expect(markdownToPlainText(markdown)).toBe(text);
    });
});
