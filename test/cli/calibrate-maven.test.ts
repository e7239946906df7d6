/**
 * `playbook calibrate` on the whole of Maven Analytics' sales_pipeline.csv (8,800 real
 * opportunities, one row per deal; see test/fixtures/crm/README.md), every figure checked
 * against a count made here from the raw rows, and the JSON validated against its schema.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { playbook, repoRoot } from './cli-helpers.js';
import { ensureSimulateBuilt, fixtures } from './simulate-helpers.js';

beforeAll(() => ensureSimulateBuilt());

const file = path.join(repoRoot, 'test/fixtures/crm/sales-pipeline-full.csv');
const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
const header = lines[0].split(',');
const rows = lines.slice(1).map(line => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
const day = (iso: string): number => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
/** Nearest rank: the ⌈p·n/100⌉-th smallest. */
const nearestRank = (values: number[], percent: number): number => values.slice().sort((a, b) => a - b)[Math.ceil((percent * values.length) / 100) - 1];
export const calibrationSchema = JSON.parse(readFileSync(path.join(repoRoot, 'docs/calibration.schema.json'), 'utf8')) as object;

interface Share { count: number; of: number; share: number | null; low: number | null; high: number | null }
interface StageJson {
    stage: string; reached: number;
    probability: { declared: number | null; observed: Share; open: number; significant: boolean };
    time: { stays: number; median: number | null; p90: number | null; max: number | null; openStays: number };
    skips: { skipped: Share; startedLater: number };
}
interface CalibrateJson {
    file: string; dealsFile: string;
    calibration: { asOf: string; deals: Record<string, number>; conformance: { deals: Share; transitions: Share }; stages: StageJson[]; suggestions: Array<{ kind: string; stage: string; from?: number; to?: number }> };
    input: { deals: number; usedRows: number; unusableRows: number };
}

describe('calibrate sales_pipeline.csv, all 8,800 rows', () => {
    let json: CalibrateJson;
    let code: number | null;
    beforeAll(() => {
        const result = playbook(['calibrate', 'sales-pipeline.playbook', '--deals', file, '--format', 'json'], { cwd: fixtures });
        code = result.code;
        json = JSON.parse(result.stdout) as CalibrateJson;
    });

    it('exits 0 and writes a document the schema of docs/calibration.schema.json accepts', () => {
        expect(code).toBe(0);
        const validate = new Ajv2020({ allErrors: true, strict: false }).compile(calibrationSchema);
        expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
        expect(json.input).toMatchObject({ deals: 8800, usedRows: 8800, unusableRows: 0 });
    });

    it('the win rate of Engaging is won / (won + lost) of the deals with an engage date', () => {
        const engaged = rows.filter(r => r.engage_date !== '');
        const won = engaged.filter(r => r.deal_stage === 'Won').length;
        const lost = engaged.filter(r => r.deal_stage === 'Lost').length;
        const engaging = json.calibration.stages[1];
        expect(engaging.stage).toBe('Engaging');
        expect(engaging.reached).toBe(engaged.length);
        expect(engaging.probability).toMatchObject({ declared: 40, observed: { count: won, of: won + lost }, open: engaged.length - won - lost, significant: true });
        expect(engaging.probability.observed.low!).toBeLessThan(won / (won + lost));
        expect(engaging.probability.observed.high!).toBeGreaterThan(won / (won + lost));
        expect(json.calibration.suggestions).toContainEqual(expect.objectContaining({ kind: 'set-probability', stage: 'Engaging', from: 40, to: Math.round((100 * won) / (won + lost)) }));
    });

    it('days in Engaging are the engage-to-close days of the closed deals, nearest rank', () => {
        const closed = rows.filter(r => r.close_date !== '' && r.engage_date !== '');
        const stays = closed.map(r => day(r.close_date) - day(r.engage_date));
        expect(json.calibration.stages[1].time).toMatchObject({
            stays: stays.length, median: nearestRank(stays, 50), p90: nearestRank(stays, 90), max: Math.max(...stays),
            openStays: rows.filter(r => r.deal_stage === 'Engaging').length
        });
    });

    it('a deal first seen engaging is a late start, not a skip of Prospecting; the as-of date is the latest close', () => {
        const prospecting = json.calibration.stages[0];
        expect(prospecting).toMatchObject({ stage: 'Prospecting', reached: 500, skips: { skipped: { count: 0 }, startedLater: 8300 } });
        expect(json.calibration.deals).toEqual({ total: 8800, won: 4238, terminated: 2473, open: 2089, lateStarts: 8300 });
        expect(json.calibration.asOf).toBe(rows.map(r => r.close_date).filter(d => d !== '').sort().at(-1));
        expect(json.calibration.conformance.transitions).toMatchObject({ count: 6711, of: 6711 });
    });

    it('prints the same figures as text, padded into tables', () => {
        const text = playbook(['calibrate', 'sales-pipeline.playbook', '--deals', file], { cwd: fixtures });
        expect(text.code).toBe(0);
        expect(text.stdout).toMatch(/^SalesPipeline: 8,800 deals as of 2017-12-31: 4,238 won, 2,473 ended, 2,089 open/);
        expect(text.stdout).toMatch(/^Engaging +40% +63\.2% +62\.0%–64\.3% +4,238 +6,711 +1,589 +declared too low$/m);
        expect(text.stdout).toContain('  Engaging: probability 40% → 63% (4,238 won of 6,711 closed deals; 95% interval 62.0%–64.3%)');
    });
});
