/**
 * `playbook calibrate` run as users run it: --write (a diff, every comment kept, a file that
 * checks; refused with a reason and nothing written when it would not), the exit codes, the
 * JSON of a failed run, --help, and a history sampled from a known process.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { playbook, repoRoot, STACK_FRAME, tempTree } from './cli-helpers.js';
import { calibrationSchema } from './calibrate-maven.test.js';
import { ensureSimulateBuilt } from './simulate-helpers.js';
import { DEFAULT_PROCESS, generateHistory, groundTruthPlaybook, winProbabilities } from '../support/ground-truth-history.js';

beforeAll(() => ensureSimulateBuilt());

const maven = readFileSync(path.join(repoRoot, 'test/fixtures/crm/sales-pipeline-sample.csv'), 'utf8');
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(calibrationSchema);

/** The Maven pipeline with comments everywhere a user puts them. */
const commented = `// For sales_pipeline.csv: a deal is prospected, engaged, then won or lost.
playbook SalesPipeline {
  title "Maven CRM sample pipeline" // shown in the handbook

  /* The first touch. */
  stage Prospecting {
    probability 10% // a guess from 2016
    gate Engaged { when true }
  }
  stage Engaging { probability 40% }   // the sales team's number

  terminate Lost "Lost to a competitor or no decision" // the only way out
}
`;

describe('calibrate --write', () => {
    it('applies the suggested probability as a small edit, prints the diff, keeps every comment, and the file checks', () => {
        const dir = tempTree({ 'pipeline.playbook': commented, 'deals.csv': maven });
        const result = playbook(['calibrate', 'pipeline.playbook', '--deals', 'deals.csv', '--write'], { cwd: dir });
        expect(result.stderr).not.toMatch(STACK_FRAME);
        expect(result.code).toBe(0);
        const written = readFileSync(path.join(dir, 'pipeline.playbook'), 'utf8');
        const to = /Engaging: probability 40% → (\d+)%/.exec(result.stdout)?.[1];
        expect(to).toBeDefined();
        expect(written).toBe(commented.replace(
            '  stage Engaging { probability 40% }   // the sales team\'s number\n',
            `  stage Engaging {\n    probability ${to}%\n  }   // the sales team's number\n`));
        expect(result.stdout).toContain(`Written to pipeline.playbook:\n===================================================================\n--- a/pipeline.playbook\n+++ b/pipeline.playbook\n`);
        expect(result.stdout).toContain(`-  stage Engaging { probability 40% }   // the sales team's number\n+  stage Engaging {\n+    probability ${to}%\n+  }   // the sales team's number\n`);
        expect(result.stderr).toContain(`playbook: wrote 1 edit to 'pipeline.playbook'`);
        expect(playbook(['check', 'pipeline.playbook'], { cwd: dir }).code).toBe(0);
        // Calibrated: nothing more to suggest, nothing more to write.
        const again = playbook(['calibrate', 'pipeline.playbook', '--deals', 'deals.csv', '--write'], { cwd: dir });
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('Suggested edits: none; the playbook agrees with the data');
        expect(readFileSync(path.join(dir, 'pipeline.playbook'), 'utf8')).toBe(written);
    });

    it('keeps the file\'s byte-order mark and CRLF line breaks', () => {
        const crlf = `\uFEFF${commented.replace(/\n/g, '\r\n')}`;
        const dir = tempTree({ 'pipeline.playbook': Buffer.from(crlf, 'utf8'), 'deals.csv': maven });
        const result = playbook(['calibrate', 'pipeline.playbook', '--deals', 'deals.csv', '--write'], { cwd: dir });
        expect(result.code).toBe(0);
        const bytes = readFileSync(path.join(dir, 'pipeline.playbook'));
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const written = bytes.toString('utf8').slice(1);
        expect(written).not.toMatch(/[^\r]\n/);
        expect(written).toMatch(/\r\n  stage Engaging \{\r\n    probability \d+%\r\n  \}   \/\/ the sales team's number\r\n/);
    });

    it('writes nothing without --write', () => {
        const dir = tempTree({ 'pipeline.playbook': commented, 'deals.csv': maven });
        const result = playbook(['calibrate', 'pipeline.playbook', '--deals', 'deals.csv'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('Suggested edits (--write applies them):');
        expect(readFileSync(path.join(dir, 'pipeline.playbook'), 'utf8')).toBe(commented);
    });

    it('refuses an edit that would not check cleanly (a probability falling from stage to stage), says why, writes nothing: exit 1', () => {
        // Engaging's observed rate (about 63%, its interval far below 95%) falls below Prospecting's 95%.
        const falling = commented.replace('probability 10%', 'probability 95%').replace('probability 40%', 'probability 99%');
        const dir = tempTree({ 'pipeline.playbook': falling, 'deals.csv': maven });
        const result = playbook(['calibrate', 'pipeline.playbook', '--deals', 'deals.csv', '--write', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        const json = JSON.parse(result.stdout);
        expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
        expect(json.write).toMatchObject({ written: false, refused: expect.stringContaining('probability-decreasing'), problems: [expect.objectContaining({ code: 'probability-decreasing' })] });
        expect(result.stderr).toContain(`playbook: nothing written to 'pipeline.playbook': the edited playbook would not check cleanly (probability-decreasing)`);
        expect(readFileSync(path.join(dir, 'pipeline.playbook'), 'utf8')).toBe(falling);
    });

    it('refuses to edit a file with errors (exit 1), and calibrates nothing from a playbook that does not mean what it says (exit 2)', () => {
        const outOfRange = commented.replace('probability 10%', 'probability 120%');
        const dir = tempTree({ 'pipeline.playbook': outOfRange, 'broken.playbook': 'playbook P { stage }', 'deals.csv': maven });
        const refused = playbook(['calibrate', 'pipeline.playbook', '--deals', 'deals.csv', '--write'], { cwd: dir });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`playbook: nothing written to 'pipeline.playbook': pipeline.playbook has an error: fix it first`);
        expect(refused.stderr).toContain('probability-range');
        expect(readFileSync(path.join(dir, 'pipeline.playbook'), 'utf8')).toBe(outOfRange);
        const broken = playbook(['calibrate', 'broken.playbook', '--deals', 'deals.csv'], { cwd: dir });
        expect(broken.code).toBe(2);
        expect(broken.stdout).toContain('syntax-error');
        expect(broken.stderr).toContain('playbook: cannot calibrate: fix the errors listed first');
    });

    it('adds an alias like a stage\'s name and makes a stage optional that most deals skip', () => {
        const text = `playbook P {
  stage Lead { gate Qualified { when true } }
  stage Demo { gate Shown { when true } }   // most deals never get one
  stage Negotiation
}
`;
        const rows = ['deal,stage,date'];
        for (let i = 0; i < 20; i++) rows.push(`D${i},Lead,2026-01-01`, `D${i},Negotiation,2026-01-03`, `D${i},Won,2026-01-09`);
        rows.push('X1,Lead,2026-01-01', 'X1,Demo,2026-01-02', 'X1,Negotiation,2026-01-03', 'X1,Won,2026-01-04');
        rows.push('Y1,Lead,2026-01-01', 'Y1,Negotiations,2026-01-02');
        const dir = tempTree({ 'p.playbook': text, 'h.csv': `${rows.join('\n')}\n` });
        const result = playbook(['calibrate', 'p.playbook', '--deals', 'h.csv', '--write'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('  Demo: make optional (skipped by 20 of the 21 deals that passed it');
        expect(result.stdout).toContain('  Negotiation: alias "Negotiations" (1 in the export; like "Negotiation")');
        expect(readFileSync(path.join(dir, 'p.playbook'), 'utf8')).toBe(`playbook P {
  stage Lead { gate Qualified { when true } }
  optional stage Demo {
    gate Shown {
      when true
    }
  }   // most deals never get one
  stage Negotiation {
    alias "Negotiations"
  }
}
`);
        // The deal that used the new alias is read now.
        const again = playbook(['calibrate', 'p.playbook', '--deals', 'h.csv', '--format', 'json'], { cwd: dir });
        expect(JSON.parse(again.stdout).calibration.deals.total).toBe(22);
    });
});

describe('calibrate: exit codes and failures', () => {
    it.each([
        { name: 'no --deals', args: ['calibrate', 'p.playbook'], message: "playbook: required option '-d, --deals <file>' not specified" },
        { name: 'an export that is not there', args: ['calibrate', 'p.playbook', '--deals', 'missing.csv'], message: "playbook: cannot read 'missing.csv': no such file" },
        { name: 'a .playbook file as the export', args: ['calibrate', 'p.playbook', '--deals', 'p.playbook'], message: "'p.playbook' is a .playbook file, not a CRM export; --deals takes the CRM export" },
        { name: 'an export with a header only', args: ['calibrate', 'p.playbook', '--deals', 'empty.csv'], message: "playbook: cannot calibrate: no deals to calibrate against: 'empty.csv' has no rows" },
        { name: 'an export whose rows mostly mean nothing', args: ['calibrate', 'p.playbook', '--deals', 'unknown.csv'], message: 'playbook: cannot calibrate: 2 of 2 rows of the deals input are unusable' },
        { name: 'a bad --as-of', args: ['calibrate', 'p.playbook', '--deals', 'empty.csv', '--as-of', '2026-02-30'], message: "playbook: --as-of must be a date written YYYY-MM-DD, not '2026-02-30'" }
    ])('$name: exit 2, one clear line', ({ args, message }) => {
        const dir = tempTree({ 'p.playbook': 'playbook P {\n  stage A\n}\n', 'empty.csv': 'deal,stage,date\n', 'unknown.csv': 'deal,stage,date\nD1,Nowhere,2026-01-01\nD2,Nowhere,2026-01-02\n' });
        const result = playbook(args, { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(message);
        expect(result.stderr).not.toMatch(STACK_FRAME);
    });

    it('with --format json, a failed run still prints a document that says why', () => {
        const dir = tempTree({ 'p.playbook': 'playbook P {\n  stage A\n}\n', 'unknown.csv': 'deal,stage,date\nD1,Nowhere,2026-01-01\n' });
        for (const args of [['--deals', 'missing.csv'], ['--deals', 'unknown.csv']]) {
            const result = playbook(['calibrate', 'p.playbook', ...args, '--format', 'json'], { cwd: dir });
            expect(result.code).toBe(2);
            const json = JSON.parse(result.stdout);
            expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
            expect(json.calibration).toBeNull();
        }
    });

    it('--help says what it does, its options (those of simulate --deals among them) and its exit codes', () => {
        const result = playbook(['calibrate', '--help']);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/^Usage: playbook calibrate \[options\] <file>/);
        for (const option of ['--deals <file>', '--write', '--as-of <date>', '--late-start <how>', '--id-column <column>', '--stage-date-column <column=stage>', '--sorted', '--format <format>']) {
            expect(result.stdout).toContain(option);
        }
        expect(result.stdout).toContain('nearest rank');
        expect(result.stdout).toContain('Exit codes: 0 calibrated');
        expect(playbook(['--help']).stdout).toMatch(/^\s+calibrate \[options\] <file>/m);
    });
});

describe('calibrate a history sampled from a known process (3,000 deals)', () => {
    it('holds each true chance to win in its 95% interval', () => {
        const truth = generateHistory(7, 3000);
        const win = winProbabilities(DEFAULT_PROCESS);
        const probability = { Lead: 12, Qualify: 17, Demo: 26, Proposal: 32, Negotiation: 65 };
        const dir = tempTree({ 'known.playbook': groundTruthPlaybook({ probability, within: {} }), 'history.csv': truth.csv });
        const result = playbook(['calibrate', 'known.playbook', '--deals', 'history.csv', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(0);
        const json = JSON.parse(result.stdout);
        expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
        for (const stage of json.calibration.stages as Array<{ stage: keyof typeof win; probability: { observed: { low: number; high: number } } }>) {
            expect(stage.probability.observed.low, stage.stage).toBeLessThanOrEqual(win[stage.stage]);
            expect(stage.probability.observed.high, stage.stage).toBeGreaterThanOrEqual(win[stage.stage]);
        }
    });
});
