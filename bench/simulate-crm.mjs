/**
 * Benchmark: replaying a CRM export, end to end, in one pass (issue: a million history rows,
 * ≤ 2x the time of a csv-parse read of the same file).
 *
 * A stage-history CSV of BENCH_CRM_ROWS rows (1,000,000) is generated in the temp folder as a
 * sorted Salesforce-like export: `OpportunityId,StageName,CreatedDate,Amount`, four to eight
 * rows per deal through six stages named by their CRM aliases, some deals won, some lost, some
 * open, a few skipping a stage, amounts on most rows. Then, alternating, twice each:
 * - the floor: the file streamed through csv-parse with the reader's own options, every
 *   record counted (reading the file, and nothing else);
 * - the replay: `readDeals` over a read stream of the file (a stream cannot be read twice,
 *   so this proves the one pass), each deal replayed and aggregated by a `ReplaySession` as
 *   `playbook simulate --deals` does (first-record starts, as of the latest date), and the
 *   report made.
 * The best time of each is compared.
 *
 * Env: BENCH_CRM_ROWS (1,000,000).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { readDeals, ReplaySession } from '@playbook/language';
import { BenchmarkInvalid, envInt, heapUsedMB, log, now, round, runAsScript } from './lib.mjs';

const STAGES = [
    ['Lead', 'Prospecting', 10], ['Qualify', 'Qualification', 20], ['Discovery', 'Needs Analysis', 35],
    ['Proposal', 'Proposal/Price Quote', 50], ['Negotiation', 'Negotiation/Review', 70], ['Contract', 'Contract Sent', 90]
];

export const playbook = {
    name: 'Bench',
    forbidRegressions: false,
    fields: [],
    stages: STAGES.map(([name, alias, probability]) => ({ name, optional: false, probability, withinDays: 30, aliases: [alias], tasks: [], gates: [] })),
    terminations: [{ outcome: 'Lost', reason: 'Competitor', from: [] }, { outcome: 'Lost', reason: 'No decision', from: [] }]
};

function random(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6D2B79F5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const pad = n => String(n).padStart(2, '0');
function timestamp(day, minute) {
    const d = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + minute * 60_000);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00.000+0000`;
}

/** Writes the export; returns rows and deals written. */
export async function writeExport(file, rows) {
    const next = random(20260105);
    const out = createWriteStream(file);
    let written = 0, deals = 0, chunk = ['OpportunityId,StageName,CreatedDate,Amount'];
    const flush = async () => { if (!out.write(chunk.join('\n') + '\n')) await once(out, 'drain'); chunk = []; };
    while (written < rows) {
        const id = `006${String(deals++).padStart(9, '0')}`;
        let day = Math.floor(next() * 700);
        const amount = 1000 + Math.floor(next() * 90_000);
        const last = Math.min(STAGES.length - 1, 2 + Math.floor(next() * 5));
        for (let s = 0; s <= last && written < rows; s++) {
            if (s > 0 && next() < 0.03) continue; // a skip
            chunk.push(`${id},${STAGES[s][1]},${timestamp(day, Math.floor(next() * 600))},${next() < 0.85 ? amount : ''}`);
            written++;
            day += 1 + Math.floor(next() * 12);
        }
        const ending = next();
        if (written < rows && ending < 0.6) {
            chunk.push(`${id},${ending < 0.35 ? 'Closed Won' : 'Closed Lost'},${timestamp(day, 0)},${amount}`);
            written++;
        }
        if (chunk.length >= 10_000) await flush();
    }
    await flush();
    out.end();
    await once(out, 'finish');
    return { rows: written, deals };
}

async function csvParseFloor(file) {
    let records = 0;
    const parser = createReadStream(file).pipe(parse({ relax_quotes: true, relax_column_count: true, skip_records_with_error: true }));
    for await (const record of parser) records += record.length > 0 ? 1 : 0;
    return records;
}

async function replay(file) {
    const session = new ReplaySession({ start: 'first-record', defaultAsOf: 'latest' });
    session.expect(playbook);
    let deals = 0, errors = 0;
    for await (const item of readDeals(createReadStream(file), playbook, { file: path.basename(file) })) {
        if ('error' in item) { errors++; continue; }
        deals++;
        session.add(playbook, item.deal, { ...(item.amount !== undefined ? { amount: item.amount } : {}), evidence: item.evidence, tag: undefined });
    }
    const { reports } = session.finish();
    return { deals, errors, report: reports[0] };
}

export async function main() {
    const rows = envInt('BENCH_CRM_ROWS', 1_000_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'playbook-bench-crm-'));
    const file = path.join(dir, 'opportunity-history.csv');
    try {
        const g = now();
        const written = await writeExport(file, rows);
        log(`simulate-crm: wrote ${written.rows.toLocaleString('en')} rows, ${written.deals.toLocaleString('en')} deals, ${(statSync(file).size / 1048576).toFixed(1)} MB in ${Math.round(now() - g)} ms`);
        const floor = [], replayed = [];
        let last;
        for (let run = 0; run < 2; run++) {
            let start = now();
            const records = await csvParseFloor(file);
            floor.push(now() - start);
            if (records !== written.rows + 1) throw new BenchmarkInvalid(`csv-parse read ${records} records, expected ${written.rows + 1}`);
            start = now();
            last = await replay(file);
            replayed.push(now() - start);
            log(`simulate-crm: run ${run + 1}: csv-parse ${Math.round(floor[run])} ms, replay ${Math.round(replayed[run])} ms`);
        }
        if (last.errors !== 0 || last.deals !== written.deals || last.report.deals !== written.deals) {
            throw new BenchmarkInvalid(`the replay read ${last.deals} deals with ${last.errors} errors, expected ${written.deals} and none`);
        }
        const best = values => Math.min(...values);
        return {
            name: 'simulate-crm',
            input: { rows: written.rows, deals: written.deals, megabytes: round(statSync(file).size / 1048576) },
            csvParseMs: round(best(floor)),
            replayMs: round(best(replayed)),
            ratio: round(best(replayed) / best(floor), 2),
            rowsPerSecond: Math.round(written.rows / (best(replayed) / 1000)),
            outcomes: last.report.outcomes,
            lateStarts: last.report.lateStarts.deals,
            heapAfterMB: round(heapUsedMB())
        };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

await runAsScript(import.meta.url, main);
