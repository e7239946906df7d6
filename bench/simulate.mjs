/**
 * Benchmark 3: simulation throughput (PRODUCT.md: "at least one million deal events per
 * second on one core").
 *
 * A small generated playbook (one track: eight stages, seven fields of every type, gates
 * with conditions, automatic and manual termination rules) is parsed, validated and
 * compiled through the language package. Deals of about ten events each are generated in
 * batches (never all held at once) as a CRM export would give them: most progress a few
 * stages and stay open or are lost by hand; some break the rules (a skipped stage, a gate
 * left unmet), some end by an automatic rule. Each batch is replayed with `simulateDeal`
 * and, as the floor, with a hand-written minimal loop over the same events (a switch on
 * the event kind updating a stage index, a Set of done tasks and the field values). Heap
 * is sampled after 100,000 deals and at the end: flat means streamed.
 *
 * Env: BENCH_DEALS (1,000,000), BENCH_BATCH (10,000 deals per batch).
 */
import { compilePlaybook, createPlaybookServices, playbookToModel, simulateDeal, validateText } from '@playbook/language';
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
 * Replays `totalDeals` deals in batches; returns events, time in the engine and in the floor,
 * outcome and violation counts, heap samples.
 */
export function replayBatches(prepared, totalDeals, { batch = 10000, floor = true, onProgress } = {}) {
    const { compiled } = prepared;
    const stageIndex = compiled.stageIndex;
    const fieldIndex = compiled.fieldIndex;
    const fieldCount = compiled.fields.length;
    const stats = { deals: 0, events: 0, engineMs: 0, floorMs: 0, generateMs: 0, outcomes: {}, violations: {}, violatingDeals: 0, floorSink: 0, heap: [] };
    for (let first = 0; first < totalDeals; first += batch) {
        const count = Math.min(batch, totalDeals - first);
        const g = now();
        const deals = generateDeals(prepared, first, count);
        stats.generateMs += now() - g;
        for (const deal of deals) stats.events += deal.events.length;
        // Alternate which runs first, so that neither always finds the batch hot in cache.
        const order = (first / batch) % 2 === 0 ? ['engine', 'floor'] : ['floor', 'engine'];
        for (const which of order) {
            if (which === 'engine') {
                const start = now();
                for (let d = 0; d < deals.length; d++) {
                    const result = simulateDeal(compiled, deals[d]);
                    const kind = result.outcome.kind === 'terminated' ? `${result.outcome.outcome} (${result.outcome.automatic ? 'automatic' : 'by hand'})` : result.outcome.kind;
                    stats.outcomes[kind] = (stats.outcomes[kind] ?? 0) + 1;
                    if (result.violations.length > 0) stats.violatingDeals++;
                    for (const v of result.violations) stats.violations[v.code] = (stats.violations[v.code] ?? 0) + 1;
                }
                stats.engineMs += now() - start;
            } else if (floor) {
                const start = now();
                let sink = 0;
                for (let d = 0; d < deals.length; d++) sink += floorReplay(deals[d], stageIndex, fieldIndex, fieldCount);
                stats.floorMs += now() - start;
                stats.floorSink += sink;
            }
        }
        stats.deals += count;
        onProgress?.(stats);
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
    if (stats.deals !== totalDeals || stats.outcomes.open === undefined || stats.violatingDeals === 0) {
        throw new BenchmarkInvalid(`The replay did not see the expected mix of deals: ${JSON.stringify(stats.outcomes)}`);
    }
    const eventsPerSecond = stats.events / (stats.engineMs / 1000);
    const floorEventsPerSecond = stats.events / (stats.floorMs / 1000);
    log(`simulate: ${(eventsPerSecond / 1e6).toFixed(2)} M events/s (floor ${(floorEventsPerSecond / 1e6).toFixed(1)} M/s)`);
    return {
        name: 'simulate',
        input: { deals: stats.deals, events: stats.events, eventsPerDeal: round(stats.events / stats.deals, 2), batch, stages: prepared.stages.length },
        engine: { ms: round(stats.engineMs), eventsPerSecond: Math.round(eventsPerSecond), dealsPerSecond: Math.round(stats.deals / (stats.engineMs / 1000)) },
        floor: { ms: round(stats.floorMs), eventsPerSecond: Math.round(floorEventsPerSecond) },
        ratioToFloor: round(stats.engineMs / stats.floorMs, 1),
        generateMs: round(stats.generateMs),
        outcomes: stats.outcomes,
        violations: stats.violations,
        violatingDeals: stats.violatingDeals,
        heapMB: { beforeReplay: round(heapStart), ...heap },
        heapGrowthMB: round(heap.atEnd.heapUsedMB - heap.atCheckpoint.heapUsedMB)
    };
}

await runAsScript(import.meta.url, main);
