/**
 * Stage histories sampled from a known process, written as a CRM export would write them
 * (one row per stage change: `deal_id,stage,date,amount,lost_reason`), and the playbook that
 * declares that process. Seeded: the same process and seed give the same file.
 *
 * Each deal starts in the first stage on a day of the export's first year, stays a number of
 * days drawn from the stage's range, then is lost (with the stage's loss probability, with a
 * reason), or moves on: to the next stage, over an optional stage with its skip probability,
 * now and then (`noise`) over a stage that is not optional as a careless CRM user does, and
 * now and then (`regression`) back one stage. The last stage's deals that are not lost are
 * won. Rows after the export's date are not written: those deals are open.
 */
import { mulberry32 } from '@playbook/model';

export interface KnownStage {
    /** The playbook's name of the stage. */
    name: string;
    /** What the CRM calls it. */
    crmName: string;
    optional?: boolean;
    /** Chance that a deal leaving the stage is lost. */
    loss: number;
    /** For an optional stage: chance that a deal arriving before it jumps over it. */
    skip?: number;
    /** Days in the stage, drawn uniformly from this range (inclusive). */
    days: [number, number];
    /** The playbook's time limit. */
    within?: number;
}

export interface KnownProcess {
    name: string;
    stages: KnownStage[];
    wonName: string;
    lostName: string;
    reasons: string[];
    /** Chance that a move forward jumps over one more stage, optional or not. */
    noise: number;
    /** Chance that a deal leaving a stage goes back one stage instead (once per deal). */
    regression: number;
}

export interface GeneratedHistory {
    csv: string;
    deals: number;
    rows: number;
}

const DAY = 86_400_000;

export function generateHistory(process: KnownProcess, options: { deals: number; seed: number; start?: string }): GeneratedHistory {
    const random = mulberry32(options.seed);
    const start = Date.parse(`${options.start ?? '2025-01-01'}T00:00:00Z`);
    const exportDay = 400;
    const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
    const lines = ['deal_id,stage,date,amount,lost_reason'];
    const stages = process.stages;
    for (let d = 0; d < options.deals; d++) {
        const id = `D${String(d + 1).padStart(5, '0')}`;
        const amount = between(1, 200) * 500;
        let day = between(0, 364);
        let at = 0;
        let regressed = false;
        const row = (stage: string, reason = ''): boolean => {
            if (day > exportDay) return false;
            lines.push(`${id},${stage},${new Date(start + day * DAY).toISOString().slice(0, 10)},${amount},${reason}`);
            return true;
        };
        if (!row(stages[0].crmName)) continue;
        for (;;) {
            const stage = stages[at];
            day += between(stage.days[0], stage.days[1]);
            if (random() < stage.loss) {
                row(process.lostName, process.reasons[Math.floor(random() * process.reasons.length)]);
                break;
            }
            if (!regressed && at > 0 && random() < process.regression) {
                regressed = true;
                at--;
                if (!row(stages[at].crmName)) break;
                continue;
            }
            let next = at + 1;
            while (next < stages.length && stages[next].optional && random() < (stages[next].skip ?? 0)) next++;
            if (next < stages.length - 1 && random() < process.noise) next++;
            if (next >= stages.length) {
                row(process.wonName);
                break;
            }
            at = next;
            if (!row(stages[at].crmName)) break;
        }
    }
    return { csv: `${lines.join('\n')}\n`, deals: options.deals, rows: lines.length - 1 };
}

/** The playbook that declares the process: its stages, CRM names, optional stages, limits and reasons. */
export function knownPlaybook(process: KnownProcess): string {
    const stages = process.stages.map(stage => [
        `  ${stage.optional ? 'optional ' : ''}stage ${stage.name} {`,
        `    alias "${stage.crmName}"`,
        ...(stage.within !== undefined ? [`    within ${stage.within} days`] : []),
        '  }'
    ].join('\n'));
    return [
        `playbook ${process.name} {`,
        `  field amount: money`,
        `  forecast amount`,
        '',
        stages.join('\n\n'),
        '',
        ...process.reasons.map(reason => `  terminate Lost "${reason}"`),
        `  terminate Lost alias "${process.lostName}"`,
        `  won alias "${process.wonName}"`,
        '}',
        ''
    ].join('\n');
}

/**
 * A B2B pipeline: the demo and the proposal are optional (skipped half and two thirds of the
 * time). Its limits are missed now and then, as a team's are: each stay may run past `within`.
 */
export const B2B_PROCESS: KnownProcess = {
    name: 'B2B',
    stages: [
        { name: 'Prospecting', crmName: 'Prospecting', loss: 0.25, days: [1, 20], within: 15 },
        { name: 'Qualification', crmName: 'Qualification', loss: 0.2, days: [3, 30], within: 24 },
        { name: 'DemoScheduled', crmName: 'Demo Scheduled', optional: true, skip: 0.5, loss: 0.1, days: [2, 14], within: 11 },
        { name: 'NeedsAnalysis', crmName: 'Needs Analysis', loss: 0.15, days: [5, 40], within: 32 },
        { name: 'ProposalPriceQuote', crmName: 'Proposal/Price Quote', optional: true, skip: 0.66, loss: 0.1, days: [3, 21], within: 17 },
        { name: 'NegotiationReview', crmName: 'Negotiation/Review', loss: 0.3, days: [7, 60], within: 46 }
    ],
    wonName: 'Closed Won',
    lostName: 'Closed Lost',
    reasons: ['Price', 'Lost to competitor', 'No budget', 'No decision'],
    noise: 0.02,
    regression: 0.05
};
