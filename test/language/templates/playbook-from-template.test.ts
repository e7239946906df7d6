/**
 * A new playbook from a template (packages/language/src/templates/playbook-from-template.ts):
 * the template's stages under the chosen name, its example deals and their comments cut,
 * the rest of its text kept; a name that is not a name is refused.
 */
import { createPlaybookServices, playbookFromTemplate, validateText } from '@playbook/language';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const services = createPlaybookServices();
const examples = new URL('../../../examples/', import.meta.url);
const kept = new URL('../../../packages/vscode/templates/', import.meta.url);
// The templates the extension ships: the examples with a playbook, and those kept beside the extension.
const templates = [
    // (A variant is none: alone, its base would be missing; see packages/vscode/esbuild.mjs.)
    ...readdirSync(examples).filter(name => name.endsWith('.playbook') && !name.endsWith('-deals.playbook'))
        .filter(name => !/^\s*playbook\s+\S+\s+variant\s+of\s/mu.test(readFileSync(new URL(name, examples), 'utf8')))
        .map(name => new URL(name, examples)),
    ...['b2b-pipeline.playbook', 'customer-funnel.playbook'].map(name => new URL(name, kept))
];

describe('every template the extension ships', () => {
    it.each(templates.map(url => [url.pathname.split('/').pop()!, url] as const))('%s gives a playbook that checks, with no deal', async (_name, url) => {
        const template = readFileSync(url, 'utf8');
        const created = playbookFromTemplate(services, template, 'NewProcess');
        if (created.kind !== 'created') throw new Error(created.message);
        expect(created.text).toMatch(/^playbook NewProcess \{$/m);
        expect(created.text).not.toMatch(/^\s*deal\s/m);
        expect(created.text).not.toMatch(/\n\n\n/);
        expect(created.text.endsWith('}\n')).toBe(true);
        const { diagnostics } = await validateText(createPlaybookServices(), created.text);
        expect(diagnostics.filter(d => d.severity === 1).map(d => d.message)).toEqual([]);
        // Everything before the first deal is the template's, but for the name.
        const firstDeal = template.search(/^(?:\/\/[^\n]*\n)*deal\s/m);
        const before = (firstDeal < 0 ? template : template.slice(0, firstDeal)).replace(`playbook ${created.playbook} {`, 'playbook NewProcess {').trimEnd();
        expect(created.text.startsWith(before)).toBe(true);
    });
});

describe('cutting the deals', () => {
    it('takes each deal with the comment lines just above it, and keeps a comment that is not about it', () => {
        const template = [
            '// The pipeline',
            'playbook P {',
            '  stage A',
            '}',
            '',
            '// Won quickly',
            '// (a second line)',
            'deal D1 for P {',
            '  2026-01-01 enter A',
            '}',
            '',
            '/* a note kept */',
            '',
            'deal D2 for P { 2026-01-01 enter A }',
            ''
        ].join('\n');
        const created = playbookFromTemplate(services, template, 'Q');
        expect(created).toEqual({ kind: 'created', playbook: 'P', text: '// The pipeline\nplaybook Q {\n  stage A\n}\n\n/* a note kept */\n' });
    });

    it.each([
        ['has space', "'has space' is not a valid name"],
        ['playbook', "'playbook' is a keyword"],
        ['', "'' is not a valid name"]
    ])('refuses the name %j', (name, message) => {
        const created = playbookFromTemplate(services, 'playbook P { stage A }\n', name);
        expect(created.kind).toBe('invalid-name');
        expect(created.kind === 'invalid-name' && created.message).toContain(message);
    });

    it('refuses a template that does not parse or declares no playbook', () => {
        expect(playbookFromTemplate(services, 'playbook P { stage }', 'Q').kind).toBe('invalid-template');
        expect(playbookFromTemplate(services, 'deal D for P { }', 'Q').kind).toBe('invalid-template');
    });
});
