/** The published schema file is the serialization of the schema module, and a sound 2020-12 schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createPlaybookServices, validateText } from '@playbook/language';
import { invalidNameReason, playbookKeywords, playbookSchema, serializeSchema, PLAYBOOK_SCHEMA_ID } from '@playbook/model';

const schemaFile = fileURLToPath(new URL('../../../packages/model/schema/playbook.schema.json', import.meta.url));
const packageFile = fileURLToPath(new URL('../../../packages/model/package.json', import.meta.url));

describe('the published schema', () => {
    it('is byte for byte what the schema module serializes (PLAYBOOK_UPDATE_SCHEMA=1 rewrites it)', () => {
        if (process.env.PLAYBOOK_UPDATE_SCHEMA) {
            writeFileSync(schemaFile, serializeSchema());
        }
        expect(readFileSync(schemaFile, 'utf8')).toBe(serializeSchema());
    });

    it('is shipped with the model package', () => {
        const files = (JSON.parse(readFileSync(packageFile, 'utf8')) as { files: string[] }).files;
        expect(files).toContain('schema/playbook.schema.json');
    });

    it('is a valid draft 2020-12 schema that compiles in strict mode', () => {
        const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
        expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
        expect(schema.$id).toBe(PLAYBOOK_SCHEMA_ID);
        const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, discriminator: true, validateFormats: false });
        expect(ajv.validateSchema(schema)).toBe(true);
        expect(() => ajv.compile(schema)).not.toThrow();
    });

    it('describes every property it declares', () => {
        const undescribed: string[] = [];
        const visit = (node: unknown, path: string): void => {
            // Conditional refinements (`allOf`/`if`/`then`) narrow properties described elsewhere.
            if (!node || typeof node !== 'object' || path.includes('/allOf')) return;
            const record = node as Record<string, unknown>;
            for (const [name, property] of Object.entries((record.properties ?? {}) as Record<string, Record<string, unknown>>)) {
                const describedByRef = typeof property.$ref === 'string';
                if (!property.description && !describedByRef && !('const' in property) && name !== 'kind') undescribed.push(`${path}/${name}`);
            }
            for (const [key, value] of Object.entries(record)) visit(value, `${path}/${key}`);
        };
        visit(playbookSchema(), '#');
        expect(undescribed).toEqual([]);
    });
});

describe('names in the schema follow the grammar', () => {
    const services = createPlaybookServices();

    it('reserves exactly the keywords the parser refuses as names', async () => {
        for (const keyword of playbookKeywords()) {
            const { diagnostics } = await validateText(services, `playbook ${keyword} { stage S }`);
            expect(diagnostics.some(d => d.code === 'syntax-error'), keyword).toBe(true);
        }
        expect(playbookKeywords()).toEqual(expect.arrayContaining(['stage', 'when', 'days', 'true', 'in', 'from']));
    });

    it('accepts what the ID terminal accepts, in any script, and refuses the rest', async () => {
        for (const name of ['budget', '_x1', '客户开发', 'Négociation', 'Stage', 'titleX']) {
            expect(invalidNameReason(name), name).toBeUndefined();
            const { diagnostics } = await validateText(services, `playbook ${name} { stage S }`);
            expect(diagnostics.filter(d => d.code === 'syntax-error'), name).toEqual([]);
        }
        for (const name of ['', '1st', 'two words', 'a-b', 'é"', 'a.b', '😀']) {
            expect(invalidNameReason(name), name).toMatch(/not a valid name/);
        }
        expect(invalidNameReason('title')).toMatch(/keyword/);
    });
});
