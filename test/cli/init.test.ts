/**
 * `playbook init --from <export>` as users run it: the real Maven export, Chinese stage names,
 * standard input, -o that never replaces a file, unusable exports and --help.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { playbook, repoRoot } from './cli-helpers.js';
import { ensureSimulateBuilt, playbookWithInput, type SimulateJson } from './simulate-helpers.js';

beforeAll(() => ensureSimulateBuilt());

const maven = path.join(repoRoot, 'test/fixtures/crm/sales-pipeline-full.csv');

function tempDir(): string {
    return mkdtempSync(path.join(tmpdir(), 'playbook-init-'));
}

function errorsOf(dir: string, file: string): unknown[] {
    const result = playbook(['check', file, '--format', 'json'], { cwd: dir });
    return (JSON.parse(result.stdout) as Array<{ severity: string }>).filter(d => d.severity === 'error');
}

describe('the Maven sales_pipeline.csv (8,800 deals, one row each)', () => {
    let dir: string;
    let text: string;
    beforeAll(() => {
        dir = tempDir();
        const result = playbook(['init', '--from', maven, '--name', 'SalesPipeline', '-o', 'sales.playbook'], { cwd: dir });
        expect(result.code, result.stderr).toBe(0);
        text = readFileSync(path.join(dir, 'sales.playbook'), 'utf8');
    });

    it('drafts Prospecting then Engaging (the stage the export leaves undated is the first), amount and Lost', () => {
        expect([...text.matchAll(/^\s*stage (\S+) \{/gm)].map(m => m[1])).toEqual(['Prospecting', 'Engaging']);
        expect(text).toMatch(/^playbook SalesPipeline \{$/m);
        expect(text).toMatch(/^\s*field amount: money$/m);
        expect(text).toMatch(/^\s*forecast amount$/m);
        expect(text).toMatch(/^\s*terminate Lost "No reason recorded"$/m);
        // Won 4,238 of the 6,711 closed deals that reached Engaging.
        expect(text).toContain('// 8,300 deals reached this stage; of the 6,711 that closed, 63% were won.');
        expect(text).toMatch(/^\s*probability 63%$/m);
        expect(text).toContain('8,800 deals (4,238 won, 2,473 lost, 2,089 open)');
    });

    it('checks without errors and replays every deal with no stage-skip', () => {
        expect(errorsOf(dir, 'sales.playbook')).toEqual([]);
        const result = playbook(['simulate', 'sales.playbook', '--deals', maven, '--format', 'json'], { cwd: dir });
        const json = JSON.parse(result.stdout) as SimulateJson;
        expect(json.summary.deals).toBe(8800);
        expect(json.deals.flatMap(d => d.violations).filter(v => v.code !== 'sla-exceeded')).toEqual([]);
    });

    it('is formatted: playbook fmt --check has nothing to change', () => {
        expect(playbook(['fmt', '--check', 'sales.playbook'], { cwd: dir }).code).toBe(0);
    });
});

describe('names', () => {
    it('Chinese stage names give valid names, kept as written; 赢单 and 输单 end deals', () => {
        const dir = tempDir();
        const rows = ['deal,stage,date'];
        for (let d = 1; d <= 30; d++) {
            rows.push(`D${d},陌生期,2026-01-0${1 + (d % 5)}`, `D${d},意向期,2026-01-1${d % 10}`);
            if (d % 3 !== 0) rows.push(`D${d},商务谈判,2026-02-1${d % 10}`);
            rows.push(`D${d},${d % 2 === 0 ? '赢单' : '输单'},2026-03-1${d % 10}`);
        }
        writeFileSync(path.join(dir, '客户.csv'), `${rows.join('\n')}\n`);
        const result = playbook(['init', '--from', '客户.csv', '-o', 'draft.playbook'], { cwd: dir });
        expect(result.code, result.stderr).toBe(0);
        const text = readFileSync(path.join(dir, 'draft.playbook'), 'utf8');
        expect(text).toMatch(/^playbook 客户 \{$/m);
        expect([...text.matchAll(/^\s*(optional )?stage (\S+) \{/gm)].map(m => `${m[1] ?? ''}${m[2]}`)).toEqual(['陌生期', '意向期', 'optional 商务谈判']);
        expect(text).toMatch(/^\s*won alias "赢单"$/m);
        expect(text).toMatch(/^\s*terminate Lost alias "输单"$/m);
        expect(errorsOf(dir, 'draft.playbook')).toEqual([]);
    });

    it('the name comes from the file name unless --name gives one; a --name that is not a name is refused', () => {
        const dir = tempDir();
        writeFileSync(path.join(dir, 'q3-opportunity_history.csv'), 'deal,stage,date\nA,Lead,2026-01-01\nA,Won,2026-01-05\n');
        expect(playbook(['init', '--from', 'q3-opportunity_history.csv'], { cwd: dir }).stdout).toMatch(/^playbook Q3OpportunityHistory \{$/m);
        expect(playbook(['init', '--from', 'q3-opportunity_history.csv', '--name', 'Q3'], { cwd: dir }).stdout).toMatch(/^playbook Q3 \{$/m);
        const bad = playbook(['init', '--from', 'q3-opportunity_history.csv', '--name', 'two words'], { cwd: dir });
        expect(bad.code).toBe(2);
        expect(bad.stderr).toMatch(/--name: 'two words' is not a valid name/);
    });
});

describe('where the draft goes', () => {
    const history = 'deal,stage,date,amount\nA,Lead,2026-01-01,100\nA,Demo,2026-01-03,100\nA,Closed Won,2026-01-09,100\nB,Lead,2026-01-02,50\nB,Closed Lost,2026-01-04,50\n';

    it('without -o: standard output, and nothing else written', () => {
        const dir = tempDir();
        writeFileSync(path.join(dir, 'deals.csv'), history);
        const result = playbook(['init', '--from', 'deals.csv'], { cwd: dir });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toMatch(/^playbook Deals \{$/m);
        expect(result.stderr).toBe('playbook: drafted Deals from 2 deals: 2 stages (Lead, Demo)\n');
    });

    it('-o refuses to replace an existing file, and leaves it as it was', () => {
        const dir = tempDir();
        writeFileSync(path.join(dir, 'deals.csv'), history);
        writeFileSync(path.join(dir, 'pipeline.playbook'), '// mine\n');
        const result = playbook(['init', '--from', 'deals.csv', '-o', 'pipeline.playbook'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/refusing to write over 'pipeline\.playbook': it exists/);
        expect(readFileSync(path.join(dir, 'pipeline.playbook'), 'utf8')).toBe('// mine\n');
        expect(result.stdout).toBe('');
    });

    it('-o never writes over the export itself', () => {
        const dir = tempDir();
        writeFileSync(path.join(dir, 'deals.csv'), history);
        const result = playbook(['init', '--from', 'deals.csv', '-o', 'deals.csv'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(readFileSync(path.join(dir, 'deals.csv'), 'utf8')).toBe(history);
    });

    it('-o folder/ names the draft after the export, creating the folder', () => {
        const dir = tempDir();
        writeFileSync(path.join(dir, 'deals.csv'), history);
        const result = playbook(['init', '--from', 'deals.csv', '-o', 'drafts/'], { cwd: dir });
        expect(result.code, result.stderr).toBe(0);
        expect(readFileSync(path.join(dir, 'drafts/deals.playbook'), 'utf8')).toMatch(/^playbook Deals \{$/m);
    });

    it('--from - reads standard input', () => {
        const result = playbookWithInput(['init', '--from', '-'], history, tempDir());
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toMatch(/^playbook Pipeline \{$/m);
        expect(result.stdout).toMatch(/^\s*stage Lead \{$/m);
    });
});

describe('an export it cannot draft from (exit 2)', () => {
    it('a missing file, a folder, a .playbook file', () => {
        const dir = tempDir();
        writeFileSync(path.join(dir, 'a.playbook'), 'playbook A { stage S }\n');
        expect(playbook(['init', '--from', 'nope.csv'], { cwd: dir })).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read 'nope\.csv'/) });
        expect(playbook(['init', '--from', '.'], { cwd: dir })).toMatchObject({ code: 2, stderr: expect.stringMatching(/is a directory/) });
        expect(playbook(['init', '--from', 'a.playbook'], { cwd: dir })).toMatchObject({ code: 2, stderr: expect.stringMatching(/is a \.playbook file, not a CRM export/) });
        expect(playbook(['init'], { cwd: dir })).toMatchObject({ code: 2, stderr: expect.stringMatching(/required option '--from <export>'/) });
    });

    it('a header with no stage column names the fix', () => {
        const dir = tempDir();
        writeFileSync(path.join(dir, 'x.csv'), 'deal,when\nA,2026-01-01\n');
        const result = playbook(['init', '--from', 'x.csv', '-o', 'x.playbook'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/no stage column: name it with --stage-column/);
        expect(existsSync(path.join(dir, 'x.playbook'))).toBe(false);
    });

    it('mostly unusable rows: the problems grouped, as simulate prints them, and no draft', () => {
        const dir = tempDir();
        const rows = ['deal,stage,date', 'A,Lead,2026-01-01'];
        for (let i = 0; i < 20; i++) rows.push(`B${i},Lead,31/31/2026`);
        writeFileSync(path.join(dir, 'bad.csv'), `${rows.join('\n')}\n`);
        const result = playbook(['init', '--from', 'bad.csv'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^bad\.csv:3:3: date: "31\/31\/2026" is not a date .*\(20 rows: lines 3, 4, 5, 6, 7 …\)$/m);
        expect(result.stderr).toMatch(/cannot draft a playbook: 20 of 21 rows of 'bad\.csv' are unusable/);
    });

    it('an export of won and lost only has no stage to draft', () => {
        const dir = tempDir();
        writeFileSync(path.join(dir, 'ends.csv'), 'deal,stage,date\nA,Won,2026-01-01\nB,Lost,2026-01-02\n');
        const result = playbook(['init', '--from', 'ends.csv'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/names no stage other than won and lost/);
    });

    it('a few bad rows: drafted from the rest, the rows said, exit 1', () => {
        const dir = tempDir();
        writeFileSync(path.join(dir, 'some.csv'), 'deal,stage,date\nA,Lead,2026-01-01\nA,Demo,2026-01-04\nB,Lead,2026-01-02\nC,Lead,not a date\n');
        const result = playbook(['init', '--from', 'some.csv'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^\s*stage Demo \{$/m);
        expect(result.stderr).toMatch(/1 row of the export skipped/);
    });
});

describe('init --help', () => {
    it('describes --from, -o, the column options, what is inferred and the exit codes', () => {
        const result = playbook(['init', '--help']);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^Usage: playbook init \[options\]/);
        for (const option of ['--from <export>', '-o, --output <path>', '-n, --name <name>', '--stage-column <column>', '--date-order <order>', '--reason-column <column>', '--optional-share <percent>', '--within-percentile <percent>']) {
            expect(result.stdout).toContain(option);
        }
        expect(result.stdout).toMatch(/Exit codes: 0 drafted/);
        expect(playbook(['--help']).stdout).toMatch(/^\s+init \[options\]/m);
    });
});
