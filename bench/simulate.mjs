/**
 * Benchmark 3: simulation throughput (PRODUCT.md: "at least one million deal events per
 * second on one core").
 *
 * A small generated playbook (one track: eight stages, seven fields of every type, gates
 * with conditions, automatic and manual termination rules) is parsed, validated and
 * compiled through the language package. Deals of about ten events each are generated in
 * batches (never all held at once) as a CRM export would give them: most progress a few
 * stages and stay open or are lost by hand, a few are won (about 23 events), some break the
 * rules (a skipped stage, a gate left unmet), some end by an automatic rule. Each batch is
 * replayed three ways: with `simulateDeal` alone (the figure compared with the target);
 * with `simulateDeal` feeding `DealAggregator` (funnel, conversion, cycle-time percentiles,
 * forecast: what `playbook simulate` over a CRM export does); and, as the floor, with a
 * hand-written minimal loop over the same events (a switch on the event kind updating a
 * stage index, a Set of done tasks and the field values). Heap is sampled after 100,000
 * deals and at the end: flat means streamed.
 *
 * Env: BENCH_DEALS (1,000,000), BENCH_BATCH (10,000 deals per batch).
 */
import { createPlaybookServices, playbookToModel, validateText } from '@playbook/language';
import * as playbookModel from '@playbook/model';
import { compilePlaybook, simulateDeal } from '@playbook/model';
import { generatePlaybookWithStages, isoDate } from './generate-playbook.mjs';
import { assertClean } from './measure-check.mjs';
import { BenchmarkInvalid, envInt, heapUsedMB, log, now, round, runAsScript } from './lib.mjs';

const DATES = Array.from({ length: 1200 }, (_, day) => isoDate(day));

/** A tiny deterministic PRNG (mulberry32), so that every run replays the same deals. */
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

export async function prepareSimulation() {
    const { text, name } = generatePlaybookWithStages(8, { deals: false, name: 'OneTrack' });
    const services = createPlaybookServices();
    const validated = await validateText(services, text, 'file:///bench/one-track.playbook');
    assertClean(validated, 'The simulation playbook');
    const model = playbookToModel(validated.document.parseResult.value.elements[0]);
    const compiled = compilePlaybook(model);
    const stages = model.stages.map(s => s.name);
    const tasks = model.stages.map(s => s.tasks.map(t => t.name));
    return { model, compiled, name, stages, tasks, next: random(20260105) };
}

/** `count` deals of about ten events, continuing the deterministic sequence. */
export function generateDeals(prepared, first, count) {
    const { name, stages, tasks, next } = prepared;
    const deals = new Array(count);
    for (let d = 0; d < count; d++) {
        let day = Math.floor(next() * 700);
        const events = [];
        const at = () => DATES[day];
        const later = () => { day += 1 + Math.floor(next() * 5); };
        const done = (stage, skipFirst) => ({ date: at(), kind: 'done', tasks: tasks[stage].slice(skipFirst ? 1 : 0) });
        events.push({ date: at(), kind: 'enter', stage: stages[0] });
        if (next() < 0.04) {
            // Won: every gate met, the optional demo skipped; about 23 events.
            events.push({ date: at(), kind: 'set', field: 'budget1', value: 200000 + Math.floor(next() * 300000) });
            events.push({ date: at(), kind: 'set', field: 'seats1', value: 40 });
            events.push({ date: at(), kind: 'set', field: 'champion1', value: true });
            events.push({ date: at(), kind: 'set', field: 'region1', value: 'EMEA' });
            events.push({ date: at(), kind: 'set', field: 'kickoff1', value: '2026-02-01' });
            events.push({ date: at(), kind: 'set', field: 'cycle1', value: 45 });
            events.push({ date: at(), kind: 'set', field: 'tier1', value: 'Gold' });
            for (let stage = 0; stage < stages.length; stage++) {
                if (stage === 3) continue;
                if (stage > 0) events.push({ date: at(), kind: 'enter', stage: stages[stage] });
                later();
                events.push(done(stage, false));
            }
            events.push({ date: at(), kind: 'won' });
            deals[d] = { name: `Deal${first + d}`, playbook: name, events };
            continue;
        }
        if (next() < 0.03) {
            events.push({ date: at(), kind: 'set', field: 'budget1', value: 0 });        // fires "Budget withdrawn"
            deals[d] = { name: `Deal${first + d}`, playbook: name, events };
            continue;
        }
        events.push({ date: at(), kind: 'set', field: 'budget1', value: 20000 + Math.floor(next() * 480000) });
        const bronze = next() < 0.05;
        events.push({ date: at(), kind: 'set', field: 'tier1', value: bronze ? 'Bronze' : next() < 0.5 ? 'Gold' : 'Silver' });
        later();
        events.push(done(0, next() < 0.05));                                            // 5%: a task left undone
        later();
        events.push({ date: at(), kind: 'enter', stage: stages[next() < 0.03 ? 2 : 1] });  // 3%: skips a stage
        if (bronze) {
            // Leaves Prospecting with its gate unmet and is disqualified automatically on arrival.
            deals[d] = { name: `Deal${first + d}`, playbook: name, events };
            continue;
        }
        events.push({ date: at(), kind: 'set', field: 'champion1', value: next() < 0.9 });
        events.push({ date: at(), kind: 'set', field: 'seats1', value: 5 + Math.floor(next() * 60) });
        later();
        events.push(done(1, false));
        later();
        events.push({ date: at(), kind: 'enter', stage: stages[2] });
        const ending = next();
        later();
        if (ending < 0.2) events.push({ date: at(), kind: 'terminate', outcome: 'Lost', reason: 'Customer withdrew' });
        else if (ending < 0.6) events.push(done(2, false));
        else events.push({ date: at(), kind: 'set', field: 'region1', value: 'EMEA' });
        deals[d] = { name: `Deal${first + d}`, playbook: name, events };
    }
    return deals;
}

/**
 * The floor: the least a replay can do. Indices by name, a Set of done tasks, field values,
 * an ended flag; no gates, no conditions, no dates, no violations, no report.
 */
function floorReplay(deal, stageIndex, fieldIndex, fieldCount) {
    let stage = -1;
    let ended = 0;
    const done = new Set();
    const values = new Array(fieldCount);
    const events = deal.events;
    for (let i = 0; i < events.length; i++) {
        const event = events[i];
        switch (event.kind) {
            case 'enter': stage = stageIndex.get(event.stage); break;
            case 'done': for (const task of event.tasks) done.add(task); break;
            case 'set': values[fieldIndex.get(event.field)] = event.value; break;
            case 'terminate': ended = 1; break;
            case 'won': ended = 2; break;
        }
    }
    return stage * 4 + ended + done.size;
}

/**
 * Replays `totalDeals` deals in batches, each batch three ways (in rotating order, so that
 * none always finds the batch hot in cache): `simulateDeal` alone, `simulateDeal` feeding
 * the aggregate report (funnel, conversion, percentiles, forecast) when the package has
 * one, and the floor. Returns events, times, the aggregate report and heap samples.
 */
export function replayBatches(prepared, totalDeals, { batch = 10000, floor = true, aggregate = true, onProgress } = {}) {
    const { compiled, model } = prepared;
    const stageIndex = compiled.stageIndex;
    const fieldIndex = compiled.fieldIndex;
    const fieldCount = compiled.fields.length;
    const aggregator = aggregate && playbookModel.DealAggregator ? new playbookModel.DealAggregator(model) : undefined;
    const stats = { deals: 0, events: 0, engineMs: 0, aggregateMs: 0, floorMs: 0, generateMs: 0, sink: 0 };
    const passes = ['engine', ...(aggregator ? ['aggregate'] : []), ...(floor ? ['floor'] : [])];
    let rotation = 0;
    for (let first = 0; first < totalDeals; first += batch) {
        const count = Math.min(batch, totalDeals - first);
        const g = now();
        let deals = generateDeals(prepared, first, count);
        stats.generateMs += now() - g;
        for (const deal of deals) stats.events += deal.events.length;
        const order = passes.map((_, i) => passes[(i + rotation) % passes.length]);
        rotation++;
        for (const pass of order) {
            const start = now();
            let sink = 0;
            if (pass === 'engine') {
                for (let d = 0; d < deals.length; d++) {
                    const result = simulateDeal(compiled, deals[d]);
                    sink += result.violations.length + result.visits.length;
                }
                stats.engineMs += now() - start;
            } else if (pass === 'aggregate') {
                for (let d = 0; d < deals.length; d++) aggregator.add(simulateDeal(compiled, deals[d]));
                stats.aggregateMs += now() - start;
            } else {
                for (let d = 0; d < deals.length; d++) sink += floorReplay(deals[d], stageIndex, fieldIndex, fieldCount);
                stats.floorMs += now() - start;
            }
            stats.sink += sink;
        }
        stats.deals += count;
        deals = undefined;              // not alive while the heap is sampled
        onProgress?.(stats);
    }
    if (aggregator) {
        const start = now();
        stats.report = aggregator.report();
        stats.reportMs = now() - start;
    }
    return stats;
}

export async function main() {
    const totalDeals = envInt('BENCH_DEALS', 1000000);
    const batch = envInt('BENCH_BATCH', 10000);
    const prepared = await prepareSimulation();
    const heapStart = heapUsedMB();
    const checkpoint = Math.min(100000, totalDeals);
    const heap = {};
    log(`simulate: ${totalDeals.toLocaleString('en')} deals in batches of ${batch.toLocaleString('en')} against a compiled ${prepared.stages.length}-stage playbook`);
    let reported = 0;
    const stats = replayBatches(prepared, totalDeals, {
        batch,
        onProgress: s => {
            if (s.deals === checkpoint || (s.deals > checkpoint && heap.atCheckpoint === undefined)) heap.atCheckpoint = { deals: s.deals, heapUsedMB: round(heapUsedMB()) };
            if (s.deals - reported >= 250000) {
                reported = s.deals;
                log(`simulate: ${s.deals.toLocaleString('en')} deals, ${(s.events / (s.engineMs / 1000) / 1e6).toFixed(2)} M events/s so far`);
            }
        }
    });
    heap.atEnd = { deals: stats.deals, heapUsedMB: round(heapUsedMB()) };
    const report = stats.report;
    if (stats.deals !== totalDeals || (report && (report.deals !== totalDeals || report.outcomes.won === 0 || report.outcomes.open === 0 || report.dealsWithViolations === 0))) {
        throw new BenchmarkInvalid(`The replay did not see the expected mix of deals: ${JSON.stringify(report?.outcomes)}`);
    }
    const perSecond = ms => Math.round(stats.events / (ms / 1000));
    log(`simulate: ${(perSecond(stats.engineMs) / 1e6).toFixed(2)} M events/s (floor ${(perSecond(stats.floorMs) / 1e6).toFixed(1)} M/s)`);
    return {
        name: 'simulate',
        input: { deals: stats.deals, events: stats.events, eventsPerDeal: round(stats.events / stats.deals, 2), batch, stages: prepared.stages.length },
        engine: { ms: round(stats.engineMs), eventsPerSecond: perSecond(stats.engineMs), dealsPerSecond: Math.round(stats.deals / (stats.engineMs / 1000)) },
        ...(report ? { withAggregate: { ms: round(stats.aggregateMs), eventsPerSecond: perSecond(stats.aggregateMs), reportMs: round(stats.reportMs, 2) } } : {}),
        floor: { ms: round(stats.floorMs), eventsPerSecond: perSecond(stats.floorMs) },
        ratioToFloor: round(stats.engineMs / stats.floorMs, 1),
        generateMs: round(stats.generateMs),
        ...(report ? {
            outcomes: { open: report.outcomes.open, won: report.outcomes.won, ...Object.fromEntries(Object.entries(report.outcomes.byOutcome).map(([k, n]) => [`terminated: ${k}`, n])) },
            violations: Object.fromEntries(report.violations.map(v => [v.code, v.count])),
            dealsWithViolations: report.dealsWithViolations
        } : {}),
        heapMB: { beforeReplay: round(heapStart), ...heap },
        heapGrowthMB: round(heap.atEnd.heapUsedMB - heap.atCheckpoint.heapUsedMB)
    };
}

await runAsScript(import.meta.url, main);
