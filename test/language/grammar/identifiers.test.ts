/**
 * Names are letters of any script, including the ideographs outside the Basic Multilingual
 * Plane (CJK Extension B and later: `𠮷野家`, written as UTF-16 surrogate pairs) and the
 * ideographic `〇` and `〆` of company names; and they survive export and import.
 */
import { describe, expect, it } from 'vitest';
import { importPlaybook } from '@playbook/language';
import { invalidNameReason, validatePlaybookDocument } from '@playbook/model';
import { check, problems } from '../../helpers.js';
import { exportText } from '../export/export-helpers.js';

const NAMES = ['𠮷野家', '〇〇商事', '〆切', '野家𠮷', '𪚲', '𩸽定食', '𫝆1', '々木'];

function playbookNamed(name: string): string {
    return `playbook ${name} {
  field ${name}_预算: money = 0
  field ${name}_级: enum {${name}_甲, ${name}_乙} = ${name}_甲
  stage ${name} {
    task ${name}_任务 required
    gate ${name}_门 { requires ${name}_任务 when ${name}_预算 > 0 and ${name}_级 in {${name}_甲} }
  }
  stage ${name}_二
  terminate ${name}_失 "lost"
}
deal ${name}_商 for ${name} {
  2026-01-05 enter ${name}
}
`;
}

describe('identifiers', () => {
    it.each(NAMES)('%s is a name of every kind of declaration', async name => {
        expect(await problems(playbookNamed(name))).toEqual([]);
        expect(invalidNameReason(name)).toBeUndefined();
    });

    it.each(NAMES)('%s survives export, the schema and import', async name => {
        const exported = await exportText(playbookNamed(name));
        expect(exported.errors).toEqual([]);
        expect(await validatePlaybookDocument(JSON.parse(exported.json))).toEqual([]);
        const imported = await importPlaybook(exported.json);
        expect(imported.ok).toBe(true);
        if (imported.ok) expect(imported.text).toContain(`playbook ${name} {`);
    });

    it.each([
        ['an emoji (plane 1, not a letter)', '😀x'],
        ['a lone high surrogate', '\uD840x'],
        ['a lone low surrogate', '\uDC00x']
    ])('%s is not a name', async (_what, name) => {
        expect((await check(`playbook ${name} { stage A }`)).map(d => d.code)).toContain('syntax-error');
        expect(invalidNameReason(name)).toBeDefined();
    });
});
