/** docs/json-format.md shows what export really writes, and names the schema where it is. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPlaybook } from '@playbook/language';
import { PLAYBOOK_FORMAT_VERSION, PLAYBOOK_SCHEMA_ID } from '@playbook/model';
import { exportText } from './export-helpers.js';

const docsDir = new URL('../../../docs/', import.meta.url);
const doc = readFileSync(new URL('json-format.md', docsDir), 'utf8');

function block(language: string): string {
    const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(doc);
    if (!match) throw new Error(`no ${language} block in docs/json-format.md`);
    return match[1];
}

describe('docs/json-format.md', () => {
    it('shows the JSON that its example playbook exports to, and that imports back to the example', async () => {
        const { json, errors } = await exportText(block('playbook'));
        expect(errors).toEqual([]);
        expect(block('json')).toBe(json);
        const imported = await importPlaybook(json);
        expect(imported.ok && imported.text).toBe(block('playbook'));
    });

    it('names the schema file, its id and the current format version', () => {
        const link = /\]\((\.\.\/packages\/model\/schema\/playbook\.schema\.json)\)/.exec(doc);
        expect(link).not.toBeNull();
        expect(existsSync(fileURLToPath(new URL(link![1], docsDir)))).toBe(true);
        expect(doc).toContain(PLAYBOOK_SCHEMA_ID);
        expect(doc).toContain(`currently \`"${PLAYBOOK_FORMAT_VERSION}"\``);
    });
});
