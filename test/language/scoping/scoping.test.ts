/** Names resolve within their playbook, across files for deals, in any script. */
import { describe, expect, it } from 'vitest';
import { createPlaybookServices, validateTexts, type ast } from '@playbook/language';
import { check, codes, problems } from '../../helpers.js';

const playbook = `
playbook Sales {
  field budget: money
  stage Lead { task Call required  gate G { requires Call  when budget > 0 } }
  stage Close { task Sign required }
  terminate Lost "Withdrew"
}`;

describe('cross-file references', () => {
    it('a deal in one file follows a playbook declared in another', async () => {
        const deals = `deal Acme for Sales {
  2026-01-01 enter Lead
  2026-01-02 done Call
  2026-01-02 set budget = 10
  2026-01-03 enter Close
  2026-01-04 terminate Lost "Withdrew"
}`;
        expect(await problems({ uri: 'file:///ws/sales.playbook', text: playbook }, { uri: 'file:///ws/deals.playbook', text: deals })).toEqual([]);
    });

    it('the deal is checked against the other file: its violations appear on its own lines', async () => {
        const deals = `deal Acme for Sales {
  2026-01-01 enter Lead
  2026-01-03 enter Close
}`;
        const found = await problems({ uri: 'file:///ws/sales.playbook', text: playbook }, { uri: 'file:///ws/deals.playbook', text: deals });
        expect(found.map(d => [d.file, d.line, d.code])).toEqual([['file:///ws/deals.playbook', 3, 'gate-not-met']]);
    });

    it('a deal for an unknown playbook is an unresolved reference, with a suggestion', async () => {
        const found = await problems(playbook, 'deal Acme for Sale { 2026-01-01 enter Lead }');
        expect(codes(found)).toEqual(['unresolved-reference']);
        expect(found[0].message).toBe("No playbook named 'Sale' in the workspace. Did you mean 'Sales'?");
    });

    it('deals for unknown playbooks report only the playbook; a deal between them still reports its own names', async () => {
        const orphan = (name: string) => `deal ${name} for Sale {\n  2026-01-01 enter Lead\n  2026-01-02 done Call, Cal\n}`;
        const known = 'deal Known for Sales {\n  2026-01-01 enter Leed\n}';
        const found = await problems(playbook, [orphan('A'), known, orphan('B'), orphan('C')].join('\n'));
        expect(found.map(d => [d.line, d.code, d.message.split('.')[0]])).toEqual([
            [1, 'unresolved-reference', "No playbook named 'Sale' in the workspace"],
            [6, 'unresolved-reference', "Playbook Sales has no stage named 'Leed'"],
            [8, 'unresolved-reference', "No playbook named 'Sale' in the workspace"],
            [12, 'unresolved-reference', "No playbook named 'Sale' in the workspace"]
        ]);
    });

    it('two playbooks with one name in different files are duplicates', async () => {
        const found = await problems({ uri: 'file:///ws/a.playbook', text: playbook }, { uri: 'file:///ws/b.playbook', text: playbook });
        expect(found.map(d => [d.file, d.code])).toEqual([['file:///ws/a.playbook', 'duplicate-name'], ['file:///ws/b.playbook', 'duplicate-name']]);
        expect(found[0].message).toContain('b.playbook');
    });

    it('names of the deal resolve to the nodes of the playbook in the other file', async () => {
        const services = createPlaybookServices();
        const [, deals] = await validateTexts(services, [
            { uri: 'file:///ws/sales.playbook', text: playbook },
            { uri: 'file:///ws/deals.playbook', text: 'deal Acme for Sales { 2026-01-01 enter Lead }' }
        ]);
        const deal = deals.document.parseResult.value.elements[0] as ast.Deal;
        const enter = deal.events[0] as ast.EnterEvent;
        expect(enter.stage.ref?.name).toBe('Lead');
        expect(enter.stage.ref?.$container.name).toBe('Sales');
    });
});

describe('names inside a playbook', () => {
    it('misspelt task names get a did-you-mean', async () => {
        const found = await problems(playbook.replace('requires Call', 'requires Cal'));
        expect(found[0].code).toBe('unresolved-reference');
        expect(found[0].message).toBe("Playbook Sales has no task named 'Cal'. Did you mean 'Call'?");
    });

    it('a `from` naming an unknown stage', async () => {
        const found = await problems(playbook.replace('terminate Lost "Withdrew"', 'terminate Lost "Withdrew" from Closing'));
        expect(found.map(d => [d.line, d.code])).toEqual([[6, 'unresolved-reference']]);
    });

    it('an enum value is looked up in the enum of the field it is compared with', async () => {
        const text = `playbook P {
  field grade: enum {A, B}
  field tier: enum {B, C}
  stage S { gate G { when grade = B and tier = B and tier in {C} } }
  stage T
}`;
        expect(await problems(text)).toEqual([]);
    });
});

describe('Unicode identifiers', () => {
    it('stages, tasks, fields and deals may be named in Chinese', async () => {
        const text = `playbook 关系生命周期 {
  title "客户关系 / Relationship"
  field 能付款: bool = true
  field 预算: money
  stage 陌生期 "Unfamiliar" { task 客户规划 required  gate 建立联系 { requires 客户规划  when 预算 > 0 } }
  stage 建立期 "Establishment" { task 拜访 required }
  terminate 终止 "客户无法付款" when not 能付款
}
deal 甲公司 for 关系生命周期 {
  2026-01-01 enter 陌生期
  2026-01-02 done 客户规划
  2026-01-02 set 预算 = 100
  2026-01-03 enter 建立期
}`;
        expect(await problems(text)).toEqual([]);
    });

    it('accented Latin, Cyrillic, Japanese and Korean names work too', async () => {
        const text = `playbook Négociation { field Бюджет: money stage 商談 { gate ゲート { when Бюджет > 0 } } stage 계약 }`;
        expect(await problems(text)).toEqual([]);
    });

    it('reports positions in UTF-16 columns on lines with Chinese text', async () => {
        const found = await check('playbook 销售 {\n  stage 阶段 { gate 门 { requires 未知 } }\n  stage 结束\n}');
        const unresolved = found.find(d => d.code === 'unresolved-reference')!;
        expect([unresolved.line, unresolved.column, unresolved.endColumn]).toEqual([2, 32, 34]);
    });
});

describe('did you mean', () => {
    it('counts swapped letters as one typo', async () => {
        const found = await problems(playbook.replace('requires Call', 'requires Clal'));
        expect(found[0].message).toBe("Playbook Sales has no task named 'Clal'. Did you mean 'Call'?");
    });

    it('never suggests a task a gate may not require (a later stage\'s)', async () => {
        const found = await problems(playbook.replace('requires Call', 'requires Sgin'));
        expect(found.map(d => d.message)).toEqual(["Playbook Sales has no task named 'Sgin'."]);
    });
});
