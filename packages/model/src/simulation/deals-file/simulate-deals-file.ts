/**
 * A report view's one data source: replays a CRM export against a playbook as
 * `playbook simulate --deals` does (histories start at their first record, open deals are
 * judged as of `--as-of` or else the latest date in the export, rows after a deal's close
 * included; late starts allowed or skipped; each input problem is told once; deals replayed
 * before their later rows turned up are marked incomplete; no report when most rows are
 * unusable) and returns plain data for the view. The language server
 * answers `playbook/simulateDeals` with it.
 */
import { InputProblems } from '../../crm/input-problems.js';
import { readDeals } from '../../crm/read-deals.js';
import { summarizeDeal } from '../describe-result.js';
import { ReplaySession, type Replayed } from '../replay-session.js';
import { DEALS_KEPT, type SimulationRequest, type SimulationViewData, type ViewDeal } from './report-data.js';

interface Tag {
    source: { file: string; line: number };
    lines: number[];
}

export async function simulationData(request: SimulationRequest): Promise<SimulationViewData> {
    const { playbook } = request;
    const session = new ReplaySession<Tag>({
        start: 'first-record', defaultAsOf: 'latest',
        ...(request.asOf !== undefined ? { asOf: request.asOf } : {}),
        ...(request.lateStart !== undefined ? { lateStart: request.lateStart } : {})
    });
    session.expect(playbook);
    const problems = new InputProblems();
    const deals: ViewDeal[] = [];
    let dealCount = 0;
    let dealsWithViolations = 0;
    let errors = 0;
    let fatal: SimulationViewData['fatal'];
    const keep = (replayed: Replayed<Tag>): void => {
        const { deal, result, tag } = replayed;
        if (result.violations.length === 0) return;
        dealsWithViolations++;
        if (deals.length >= DEALS_KEPT) return;
        deals.push({
            deal: deal.name,
            ...(deal.title !== undefined ? { title: deal.title } : {}),
            summary: summarizeDeal(result),
            outcome: result.outcome,
            source: tag.source,
            lines: tag.lines,
            ...(replayed.amount !== undefined ? { amount: replayed.amount } : {}),
            violations: result.violations.map(v => ({
                code: v.code, severity: v.severity, date: v.date, message: v.message, ...(v.stage !== undefined ? { stage: v.stage } : {})
            }))
        });
    };
    const bytes = request.deals.bytes;
    for await (const item of readDeals((async function* () { yield bytes; })(), playbook, { ...request.read, file: request.deals.name })) {
        if ('error' in item) {
            errors++;
            if (item.error.fatal) {
                const { message, line, column } = item.error;
                fatal = { message, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) };
                break;
            }
            problems.addError(item.error);
            continue;
        }
        dealCount++;
        problems.addDeal(item);
        const replayed = session.add(playbook, item.deal, {
            ...(item.amount !== undefined ? { amount: item.amount } : {}),
            ...(item.lastDate !== undefined ? { lastDate: item.lastDate } : {}),
            evidence: item.evidence,
            tag: { source: item.source, lines: item.lines ?? [item.source.line] }
        });
        if (replayed) keep(replayed);
    }
    const end = session.finish();
    end.replayed.forEach(keep);
    // Open deals are judged last (at the as-of date): back to input order.
    deals.sort((a, b) => a.source.line - b.source.line);
    const input = problems.summary();
    // Later rows of a deal come after it was replayed: known only now, marked on the deal.
    const incomplete = new Map(input.incomplete.map(d => [d.deal, d]));
    for (const deal of deals) {
        const missing = incomplete.get(deal.deal);
        if (missing) deal.incomplete = { rows: missing.rows, lines: missing.lines };
    }
    const withheld = !fatal && input.mostlyUnusable;
    const empty = !fatal && dealCount === 0 && errors === 0;
    return {
        playbook: {
            name: playbook.name,
            ...(playbook.title !== undefined ? { title: playbook.title } : {}),
            stages: playbook.stages.map(s => ({ name: s.name, ...(s.title !== undefined ? { title: s.title } : {}), aliases: [...s.aliases] }))
        },
        dealsFile: request.deals.name,
        report: fatal || withheld || empty ? null : end.reports[0] ?? null,
        problems: input.problems,
        ...(fatal ? { fatal } : {}),
        input: { usedRows: input.usedRows, unusableRows: input.unusableRows, incompleteDeals: input.incompleteDeals, incomplete: input.incomplete },
        summary: { deals: dealCount, dealsWithViolations, errors, withheld, empty },
        deals,
        dealsOmitted: dealsWithViolations - deals.length
    };
}
