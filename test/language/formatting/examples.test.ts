/**
 * The examples are the house style: each is already in the canonical layout. Every example
 * and every test fixture keeps its tokens and comments and is stable under formatting.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPlaybookText } from '@playbook/language';
import { format, formatInEditor, services, tokens } from './format-helpers.js';

const root = join(import.meta.dirname, '../../..');

function playbookFiles(directory: string): string[] {
    if (!existsSync(directory)) return [];
    return readdirSync(directory).flatMap(name => {
        const path = join(directory, name);
        if (statSync(path).isDirectory()) return playbookFiles(path);
        return name.endsWith('.playbook') ? [path] : [];
    }).sort();
}

const examples = playbookFiles(join(root, 'examples')).map(path => [path.slice(root.length + 1), readFileSync(path, 'utf8')] as const);
const fixtures = playbookFiles(join(root, 'test/fixtures')).map(path => [path.slice(root.length + 1), readFileSync(path, 'utf8')] as const);

describe('examples', () => {
    it('exist', () => {
        expect(examples.length).toBeGreaterThan(0);
    });

    it.each(examples)('%s is already in the canonical layout', async (_file, text) => {
        expect(format(text)).toBe(text);
        expect(await formatInEditor(text)).toBe(text);
    });

    it.each(examples)('%s keeps its tokens and comments and is stable', (_file, text) => {
        const once = format(text);
        expect(tokens(once)).toEqual(tokens(text));
        expect(format(once)).toBe(once);
    });

    it.each(examples)('%s is restored from a scrambled layout', (_file, text) => {
        // Every line re-indented by a different amount and, where no comment would take it
        // in, trailing whitespace added; lines inside block comments are verbatim, so kept.
        let inBlockComment = false;
        const scrambled = text.split('\n').map((line, i) => {
            const verbatim = inBlockComment;
            if (line.includes('/*')) inBlockComment = true;
            if (line.includes('*/')) inBlockComment = false;
            if (verbatim || line.trim() === '') return line;
            const trailing = line.includes('//') || line.includes('/*') ? '' : ' '.repeat(i % 3);
            return ' '.repeat((i * 7) % 5) + line.trimStart() + trailing;
        }).join('\n');
        expect(scrambled).not.toBe(text);
        expect(format(scrambled)).toBe(text);
    });
});

// The fixtures belong to the validation tests; they are checked here once they exist.
describe.runIf(fixtures.length > 0)('test fixtures', () => {
    it.each(fixtures)('%s keeps its tokens and comments and is stable (or is left alone with syntax errors)', (_file, text) => {
        const result = formatPlaybookText(services, text);
        if (!result.ok) {
            expect(result.error).toBe('syntax');
            return;
        }
        expect(tokens(result.text)).toEqual(tokens(text));
        expect(format(result.text)).toBe(result.text);
    });
});
