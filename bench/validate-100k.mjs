/**
 * Benchmark 1b: the same check at 100,000 lines, once, to show that it scales linearly
 * (about ten times the 10,000-line figure, not a hundred times) and what it costs in heap.
 *
 * To compare like with like in one process, the code is first warmed on the 10,000-line
 * text (median of a few runs), then the 100,000-line text is checked once with fresh
 * services. Heap: used heap after a full garbage collection while the checked document is
 * still alive, minus the same before it was created; and the process's peak RSS.
 *
 * Env: BENCH_BIG_LINES (100000), BENCH_LINES (10000).
 */
import { generatePlaybook } from './generate-playbook.mjs';
import { assertClean, freshServices, measureCheck } from './measure-check.mjs';
import { envInt, gc, heapUsedMB, log, median, round, runAsScript } from './lib.mjs';

const roundAll = phases => Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, round(v, 1)]));

export async function main() {
    const smallLines = envInt('BENCH_LINES', 10000);
    const bigLines = envInt('BENCH_BIG_LINES', 100000);
    const small = generatePlaybook(smallLines);
    const smallRuns = [];
    for (let i = 0; i < 8; i++) {
        gc();
        const run = await measureCheck(freshServices().services, small.text);
        if (i === 0) assertClean(run.result, `The generated ${smallLines}-line playbook`);
        if (i > 0) smallRuns.push(run);
    }
    const smallMs = median(smallRuns.map(r => r.phases.total));
    // Per phase, the median of the warm runs, with and without the GC pauses that began in it.
    const smallPhases = {};
    const smallWithoutGc = {};
    for (const phase of ['parse', 'index', 'link', 'refs', 'validate', 'total']) {
        smallPhases[phase] = round(median(smallRuns.map(r => r.phases[phase])), 2);
        smallWithoutGc[phase] = round(median(smallRuns.map(r => r.phases[phase] - r.gcByPhase[phase])), 2);
    }
    smallPhases.gc = round(median(smallRuns.map(r => r.phases.gc)), 2);

    const big = generatePlaybook(bigLines);
    const lines = big.text.split('\n').length;
    log(`validate-100k: ${lines} lines, ${big.stages} stages, ${(big.text.length / 1048576).toFixed(1)} MB; warm 10k median ${smallMs.toFixed(0)} ms`);
    const { services } = freshServices();
    gc();
    const heapBefore = heapUsedMB();
    const { phases, gcByPhase, result } = await measureCheck(services, big.text);
    const clean = assertClean(result, `The generated ${lines}-line playbook`);
    const heapWithDocument = heapUsedMB();
    log(`validate-100k: ${phases.total.toFixed(0)} ms, ${(heapWithDocument - heapBefore).toFixed(0)} MB retained`);
    const ratio = phases.total / smallMs;
    const sizeRatio = lines / small.text.split('\n').length;
    // Keep the document alive until the heap was measured.
    const stillAlive = result.document.parseResult.value.elements.length;
    return {
        name: 'validate-100k',
        input: { lines, stages: big.stages, bytes: big.text.length, elements: stillAlive },
        diagnostics: clean,
        ms: roundAll(phases),
        withoutGcMs: roundAll(Object.fromEntries(Object.entries(gcByPhase).map(([k, v]) => [k, phases[k] - v]))),
        warm10k: { lines: small.text.split('\n').length, ms: smallPhases, withoutGcMs: smallWithoutGc },
        warm10kMedianMs: round(smallMs, 1),
        timeRatio: round(ratio, 1),
        timeRatioWithoutGc: round((phases.total - gcByPhase.total) / smallWithoutGc.total, 1),
        sizeRatio: round(sizeRatio, 1),
        heapRetainedMB: round(heapWithDocument - heapBefore),
        heapUsedMB: round(heapWithDocument),
        peakRssMB: round(process.resourceUsage().maxRSS / 1024)
    };
}

await runAsScript(import.meta.url, main);
