/**
 * Benchmark: replaying a CRM export, end to end, in one pass (issue: a million history rows,
 * ≤ 2x the time of a csv-parse read of the same file).
 *
 * A stage-history CSV of BENCH_CRM_ROWS rows (1,000,000) is generated in the temp folder as a
 * sorted Salesforce-like export: `OpportunityId,StageName,CreatedDate,Amount`, four to eight
 * rows per deal through six stages named by their CRM aliases, some deals won, some lost, some
 * open, a few skipping a stage, amounts on most rows. Then, alternating, BENCH_CRM_RUNS (3)
 * times each:
 * - the floor: the file streamed through csv-parse with the reader's own options, every
 *   record counted (reading the file, and nothing else);
 * - the replay: `readDealBatches` over a read stream of the file (a stream cannot be read
 *   twice, so this proves the one pass), each deal replayed and aggregated by a
 *   `ReplaySession` as `playbook simulate --deals` does (first-record starts, as of the
 *   latest date: open deals held, then drained), and the report made.
 * The best time of each is compared.
 *
 * Wall and CPU time (every thread of the process, the garbage collector's included) are both
 * reported; on a shared machine the CPU ratio is the steadier one.
 *
 * Env: BENCH_CRM_ROWS (1,000,000), BENCH_CRM_RUNS (3).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { readDealBatches, ReplaySession } from '@playbook/model';
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

/** As `playbook simulate --deals` reads and replays (packages/cli/src/commands/simulate.ts, simulate/run.ts). */
export async function replay(file) {
    const session = new ReplaySession({ start: 'first-record', defaultAsOf: 'latest' });
    session.expect(playbook);
    let deals = 0, errors = 0, replayed = 0;
    for await (const batch of readDealBatches(createReadStream(file), playbook, { file: path.basename(file) })) {
        for (const item of batch) {
            if ('error' in item) { errors++; continue; }
            deals++;
            const now = session.add(playbook, item.deal, { ...(item.amount !== undefined ? { amount: item.amount } : {}), ...(item.lastDate !== undefined ? { lastDate: item.lastDate } : {}), evidence: item.evidence, tag: undefined });
            if (now) replayed++;
        }
    }
    // The open deals, held for the as-of date, replayed one at a time as the CLI writes them.
    for (const held of session.drain()) replayed += held ? 1 : 0;
    const { reports } = session.finish();
    return { deals, errors, replayed, report: reports[0] };
}

/** Process CPU time (all threads, the garbage collector's included), in ms: steadier than wall time on a shared machine. */
function cpuMs() {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
}

export async function main() {
    const rows = envInt('BENCH_CRM_ROWS', 1_000_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'playbook-bench-crm-'));
    const file = path.join(dir, 'opportunity-history.csv');
    try {
        const g = now();
        const written = await writeExport(file, rows);
        log(`simulate-crm: wrote ${written.rows.toLocaleString('en')} rows, ${written.deals.toLocaleString('en')} deals, ${(statSync(file).size / 1048576).toFixed(1)} MB in ${Math.round(now() - g)} ms`);
        const floor = [], replayed = [], floorCpu = [], replayedCpu = [];
        let last;
        const runs = envInt('BENCH_CRM_RUNS', 3);
        for (let run = 0; run < runs; run++) {
            let start = now(), cpu = cpuMs();
            const records = await csvParseFloor(file);
            floor.push(now() - start);
            floorCpu.push(cpuMs() - cpu);
            if (records !== written.rows + 1) throw new BenchmarkInvalid(`csv-parse read ${records} records, expected ${written.rows + 1}`);
            start = now();
            cpu = cpuMs();
            last = await replay(file);
            replayed.push(now() - start);
            replayedCpu.push(cpuMs() - cpu);
            log(`simulate-crm: run ${run + 1}: csv-parse ${Math.round(floor[run])} ms (cpu ${Math.round(floorCpu[run])}), replay ${Math.round(replayed[run])} ms (cpu ${Math.round(replayedCpu[run])})`);
        }
        if (last.errors !== 0 || last.deals !== written.deals || last.report.deals !== written.deals || last.replayed !== written.deals) {
            throw new BenchmarkInvalid(`the replay read ${last.deals} deals (${last.replayed} replayed) with ${last.errors} errors, expected ${written.deals} and none`);
        }
        const best = values => Math.min(...values);
        return {
            name: 'simulate-crm',
            input: { rows: written.rows, deals: written.deals, megabytes: round(statSync(file).size / 1048576) },
            csvParseMs: round(best(floor)),
            replayMs: round(best(replayed)),
            ratio: round(best(replayed) / best(floor), 2),
            cpu: { csvParseMs: round(best(floorCpu)), replayMs: round(best(replayedCpu)), ratio: round(best(replayedCpu) / best(floorCpu), 2) },
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
