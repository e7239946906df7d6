/**
 * Stage histories with a known ground truth, for the calibration's tests: a sales process
 * whose stage-to-stage chances and stay durations are set here, sampled with a seeded PRNG
 * into deals and written as a CRM stage-history CSV (`Opportunity ID,Stage,Date`, one row per
 * stage change, the CRM's own stage names).
 *
 * The process (a Markov chain, so the chance to win from a stage is the same whenever a deal
 * reaches it):
 *   Lead → Qualify → (Demo, optional) → Proposal → Negotiation → won
 * From each stage a deal advances with the stage's `advance` chance, else it is lost; from
 * Qualify it skips Demo with `skipDemo`; from Negotiation it may move back to Proposal
 * (`back`), a regression. Some deals start late (their first record is Qualify), and some are
 * open: their history is cut after a random number of records, whatever their path (so the
 * closed deals stay an unbiased sample). What the sample did is recorded beside the CSV:
 * every completed stay in days, the skips, passes and regressions, so that a test compares the
 * calibration with figures computed here, not by the code under test.
 */
import { formatIsoDate, mulberry32, parseIsoDate } from '@playbook/model';

export const STAGES = ['Lead', 'Qualify', 'Demo', 'Proposal', 'Negotiation'] as const;
export type Stage = typeof STAGES[number];

/** The names the CRM export uses (the playbook declares them as aliases). */
export const CRM_NAMES: Record<Stage, string> = {
    Lead: 'Prospecting', Qualify: 'Qualification', Demo: 'Demo Scheduled', Proposal: 'Proposal/Price Quote', Negotiation: 'Negotiation/Review'
};
export const WON_NAME = 'Closed Won';
export const LOST_NAME = 'Closed Lost';

export interface ProcessParameters {
    /** Chance to move on from each stage (from Negotiation: to win). */
    advance: Record<Stage, number>;
    /** From Qualify, of the deals that move on, the share that skip Demo. */
    skipDemo: number;
    /** From Negotiation: the chance to move back to Proposal (the rest of 1 − advance is lost). */
    back: number;
    /** Each stay's days: an integer sampled by this stage's rule. */
    days: Record<Stage, (random: () => number) => number>;
    /** Share of deals whose history starts at Qualify. */
    lateStart: number;
    /** Share of deals cut short (still open at the export date). */
    open: number;
}

export const DEFAULT_PROCESS: ProcessParameters = {
    advance: { Lead: 0.7, Qualify: 0.6, Demo: 0.8, Proposal: 0.5, Negotiation: 0.6 },
    skipDemo: 0.3,
    back: 0.15,
    days: {
        Lead: r => 1 + Math.floor(r() * 30),                                 // uniform 1..30
        Qualify: r => Math.floor(Math.log(1 - r()) / Math.log(0.9)),       // geometric, mean 9
        Demo: r => Math.floor(r() * 6),                                      // uniform 0..5, same-day moves included
        Proposal: r => 5 + Math.floor(r() * 56),                             // uniform 5..60
        Negotiation: r => Math.floor(r() * 20) + Math.floor(r() * 20)       // triangular 0..38
    },
    lateStart: 0.1,
    open: 0.1
};

/**
 * The chance to win of a deal that reaches each stage, from the parameters alone:
 * W(N) = a(N) + back·W(P) with W(P) = a(P)·W(N), so W(N) = a(N) / (1 − back·a(P));
 * W(D) = a(D)·W(P); W(Q) = a(Q)·((1 − skip)·W(D) + skip·W(P)); W(L) = a(L)·W(Q).
 */
export function winProbabilities(p: ProcessParameters): Record<Stage, number> {
    const a = p.advance;
    const negotiation = a.Negotiation / (1 - p.back * a.Proposal);
    const proposal = a.Proposal * negotiation;
    const demo = a.Demo * proposal;
    const qualify = a.Qualify * ((1 - p.skipDemo) * demo + p.skipDemo * proposal);
    return { Lead: a.Lead * qualify, Qualify: qualify, Demo: demo, Proposal: proposal, Negotiation: negotiation };
}

export interface GroundTruth {
    csv: string;
    /** The date of the export (the latest row): open deals are judged at it. */
    exportDate: string;
    deals: number;
    won: number;
    lost: number;
    open: number;
    lateStarts: number;
    /** Per stage, as the export shows it. */
    stages: Record<Stage, {
        /** Every completed stay (the stage was left), in days. */
        stays: number[];
        /** Deals seen in the stage. */
        reached: number;
        /** Of those, the closed deals, and the won ones. */
        closed: number;
        won: number;
        /** Moves back out of it, and into it. */
        regressionsFrom: number;
        regressionsTo: number;
    }>;
    /** Deals that went from Qualify straight to Proposal, and deals seen in Demo that went on. */
    demoSkipped: number;
    demoPassedThrough: number;
}

interface Row { stage: string; day: number }

export function generateHistory(seed: number, dealCount: number, p: ProcessParameters = DEFAULT_PROCESS): GroundTruth {
    const random = mulberry32(seed);
    const first = parseIsoDate('2024-01-01')!;
    const rows: string[] = ['Opportunity ID,Stage,Date'];
    const truth: GroundTruth = {
        csv: '', exportDate: '', deals: dealCount, won: 0, lost: 0, open: 0, lateStarts: 0,
        stages: Object.fromEntries(STAGES.map(s => [s, { stays: [] as number[], reached: 0, closed: 0, won: 0, regressionsFrom: 0, regressionsTo: 0 }])) as unknown as GroundTruth['stages'],
        demoSkipped: 0, demoPassedThrough: 0
    };
    let latest = first;
    for (let d = 0; d < dealCount; d++) {
        const late = random() < p.lateStart;
        let stage: number = late ? 1 : 0;
        let day = first + Math.floor(random() * 540);
        const path: Row[] = [{ stage: STAGES[stage], day }];
        let end: 'won' | 'lost' | undefined;
        for (let moves = 0; end === undefined; moves++) {
            const name = STAGES[stage];
            day += p.days[name](random);
            const roll = random();
            if (name === 'Negotiation') {
                if (roll < p.advance.Negotiation) end = 'won';
                else if (roll < p.advance.Negotiation + p.back && moves < 50) stage = 3;
                else end = 'lost';
            } else if (roll < p.advance[name]) {
                stage = name === 'Qualify' && random() < p.skipDemo ? 3 : stage + 1;
            } else {
                end = 'lost';
            }
            path.push({ stage: end === 'won' ? WON_NAME : end === 'lost' ? LOST_NAME : STAGES[stage], day });
        }
        // An open deal: its history cut after one or more records, wherever it was going.
        const open = random() < p.open;
        const kept = open ? path.slice(0, 1 + Math.floor(random() * (path.length - 1))) : path;
        record(truth, kept, open);
        for (const row of kept) {
            rows.push(`D${String(d).padStart(6, '0')},${crmName(row.stage)},${formatIsoDate(row.day)}`);
            if (row.day > latest) latest = row.day;
        }
        if (late) truth.lateStarts++;
    }
    truth.csv = `${rows.join('\n')}\n`;
    truth.exportDate = formatIsoDate(latest);
    return truth;
}

function crmName(stage: string): string {
    return (CRM_NAMES as Record<string, string>)[stage] ?? stage;
}

/** What the kept history of one deal shows. */
function record(truth: GroundTruth, kept: Row[], open: boolean): void {
    const outcome = kept[kept.length - 1].stage;
    const won = outcome === WON_NAME;
    if (open) truth.open++;
    else if (won) truth.won++;
    else truth.lost++;
    const seen = new Set<Stage>();
    for (let i = 0; i < kept.length; i++) {
        const stage = kept[i].stage as Stage;
        if (!STAGES.includes(stage)) continue;
        seen.add(stage);
        const next = kept[i + 1];
        if (next) {
            truth.stages[stage].stays.push(next.day - kept[i].day);
            const to = STAGES.indexOf(next.stage as Stage);
            if (to >= 0 && to < STAGES.indexOf(stage)) {
                truth.stages[stage].regressionsFrom++;
                truth.stages[next.stage as Stage].regressionsTo++;
            }
        }
    }
    for (const stage of seen) {
        truth.stages[stage].reached++;
        if (!open) {
            truth.stages[stage].closed++;
            if (won) truth.stages[stage].won++;
        }
    }
    // Demo: skipped by a move from Qualify straight to Proposal (at most once a deal: the
    // process never comes back to Qualify); passed through by a deal seen in it that moved on.
    const names = kept.map(r => r.stage);
    if (names.some((name, i) => name === 'Qualify' && names[i + 1] === 'Proposal')) truth.demoSkipped++;
    const demo = names.indexOf('Demo');
    if (demo >= 0 && demo < names.length - 1 && names[demo + 1] !== LOST_NAME) truth.demoPassedThrough++;
}

/** The playbook the history follows, with declared figures some right and some wrong. */
export function groundTruthPlaybook(declared: { probability: Record<Stage, number>; within: Partial<Record<Stage, number>> }): string {
    const stage = (name: Stage, optional = false): string => {
        const lines = [`  ${optional ? 'optional ' : ''}stage ${name} {`, `    alias "${CRM_NAMES[name]}"`, `    probability ${declared.probability[name]}%`];
        if (declared.within[name] !== undefined) lines.push(`    within ${declared.within[name]} days`);
        if (name !== 'Negotiation') lines.push(`    gate ${name}Done { when true }`);
        lines.push('  }');
        return lines.join('\n');
    };
    return `// A process with a known ground truth (test/support/ground-truth-history.ts).
playbook Known {
${stage('Lead')}
${stage('Qualify')}
${stage('Demo', true)}
${stage('Proposal')}
${stage('Negotiation')}

  terminate Lost "No deal"
  won alias "${WON_NAME}"
  terminate Lost alias "${LOST_NAME}"
}
`;
}
