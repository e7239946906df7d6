/** Unicode in files and file names: names intact, columns in UTF-16 code units, BOM ignored. */
import { describe, expect, it } from 'vitest';
import { playbook, tempTree } from './cli-helpers.js';

const UNICODE_PLAYBOOK = `// 大客户销售 — Négociation — Переговоры
playbook 商机管理 {
  title "商机管理 / Opportunity management"
  field 预算: money
  stage 线索 "线索 / Lead" {
    task 電話 "電話 / Phone call" required
    gate 資格確認 { requires 電話  when 预算 > 0 }
  }
  stage Négociation "Négociation"
}
deal 甲公司 for 商机管理 {
  2026-01-01 enter 线索
  2026-01-02 done 電話
  2026-01-02 set 预算 = 500000
  2026-01-03 enter Négociation
}
`;

describe('playbook check with Unicode', () => {
    it('accepts Unicode identifiers, titles and comments', () => {
        const dir = tempTree({ '商机.playbook': UNICODE_PLAYBOOK });
        const result = playbook(['check', '商机.playbook'], { cwd: dir });
        expect(result.stdout).toBe('0 errors, 0 warnings in 1 file\n');
        expect(result.code).toBe(0);
    });

    it('accepts company names with ideographs outside the BMP (CJK Extension B) and 〇', () => {
        const text = UNICODE_PLAYBOOK.replace(/甲公司/g, '𠮷野家').replace(/预算/g, '〇〇予算');
        const dir = tempTree({ '𠮷野家.playbook': text });
        const result = playbook(['check', '𠮷野家.playbook'], { cwd: dir });
        expect(result.stdout).toBe('0 errors, 0 warnings in 1 file\n');
        expect(result.code).toBe(0);
        const exported = playbook(['export', '𠮷野家.playbook', '--with-deals'], { cwd: dir });
        expect(exported.code).toBe(0);
        expect(JSON.parse(exported.stdout).deals[0].name).toBe('𠮷野家');
    });

    it('reports Unicode names intact, with the file name as given and columns in UTF-16 units', () => {
        const broken = UNICODE_PLAYBOOK.replace('2026-01-03 enter Négociation', '2026-01-03 enter 谈判阶段');
        const dir = tempTree({ '商机.playbook': broken });
        const result = playbook(['check', '商机.playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        const [d] = JSON.parse(result.stdout);
        expect(d.file).toBe('商机.playbook');
        expect(d.code).toBe('unresolved-reference');
        expect(d.message).toContain('谈判阶段');
        const line = broken.split('\n')[d.line - 1];
        expect(line).toBe('  2026-01-03 enter 谈判阶段');
        expect(d.column).toBe(line.indexOf('谈') + 1);
        expect(d.endColumn).toBe(line.indexOf('谈') + 1 + '谈判阶段'.length);
        const text = playbook(['check', '商机.playbook'], { cwd: dir });
        expect(text.stdout).toContain(`商机.playbook:15:${d.column} error unresolved-reference`);
        expect(text.stdout).toContain('谈判阶段');
    });

    it('counts a character outside the BMP as two columns, as editors do (UTF-16)', () => {
        const text = 'playbook P { title "😀" stage A }\n}\n';
        const dir = tempTree({ 'emoji.playbook': text });
        const [d] = JSON.parse(playbook(['check', 'emoji.playbook', '--format', 'json'], { cwd: dir }).stdout);
        expect(d.line).toBe(2);
        const withoutEmoji = 'playbook P { title "ab" stage A }\n  }\n';
        const dir2 = tempTree({ 'plain.playbook': withoutEmoji });
        const [d2] = JSON.parse(playbook(['check', 'plain.playbook', '--format', 'json'], { cwd: dir2 }).stdout);
        expect(d2.column).toBe(3);
        expect(d.column).toBe(1);
    });

    it('ignores a UTF-8 byte-order mark: columns on the first line are unchanged', () => {
        const first = 'playbook P { stage A stage A }\n';
        const withBom = tempTree({ 'bom.playbook': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(first)]) });
        const without = tempTree({ 'bom.playbook': first });
        const a = JSON.parse(playbook(['check', 'bom.playbook', '--format', 'json'], { cwd: withBom }).stdout);
        const b = JSON.parse(playbook(['check', 'bom.playbook', '--format', 'json'], { cwd: without }).stdout);
        expect(a.length).toBeGreaterThan(0);
        expect(a).toEqual(b);
    });
});
