/** For generated playbooks: import prints text that checks clean and exports to the same JSON. */
import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { createPlaybookServices, importPlaybook } from '@playbook/language';
import { serializeDocument, validatePlaybookDocument, PLAYBOOK_FORMAT_VERSION, PLAYBOOK_SCHEMA_ID, type PlaybookDocument } from '@playbook/model';
import { formatPlaybookText } from '@playbook/language';
import { exportText } from '../export/export-helpers.js';
import { playbookWithDeals } from './playbook-arbitrary.js';

describe('round trip on generated playbooks', () => {
    it('JSON → import → check → export gives the same JSON', async () => {
        await fc.assert(fc.asyncProperty(playbookWithDeals, async ({ playbook, deals }) => {
            const document: PlaybookDocument = { $schema: PLAYBOOK_SCHEMA_ID, formatVersion: PLAYBOOK_FORMAT_VERSION, playbook, deals };
            const json = serializeDocument(document);
            expect(await validatePlaybookDocument(JSON.parse(json))).toEqual([]);
            const imported = await importPlaybook(json);
            if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
            const again = await exportText(imported.text);
            expect(again.errors, imported.text).toEqual([]);
            expect(again.json, imported.text).toBe(json);
        }), { numRuns: Number(process.env.PLAYBOOK_RUNS ?? 150) });
    });
});

describe('the imported text', () => {
    it('is already in the layout of playbook fmt', async () => {
        const services = createPlaybookServices();
        await fc.assert(fc.asyncProperty(playbookWithDeals, async ({ playbook, deals }) => {
            const imported = await importPlaybook(serializeDocument({ $schema: PLAYBOOK_SCHEMA_ID, formatVersion: PLAYBOOK_FORMAT_VERSION, playbook, deals }));
            if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
            const formatted = formatPlaybookText(services, imported.text);
            expect(formatted.ok && formatted.text).toBe(imported.text);
        }), { numRuns: 100 });
    });
});
