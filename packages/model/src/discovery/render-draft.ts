/**
 * The `.playbook` text of a draft, each declaration under a `//` comment that says what it was
 * inferred from and from how many deals ("2,031 deals reached this stage; 23% of the 1,500
 * that closed were won"). Written in the canonical layout; a CLI still passes it through the
 * formatter, which owns that layout.
 */
import { groupedCount } from '../utils/figures.js';
import { formatNumber, quote } from '../model/expression-text.js';
import { NO_REASON, type DraftOutcome, type DraftPlaybook, type DraftStage } from './draft.js';
import { nearestRank } from './history-figures.js';

const INDENT = '  ';

export function renderDraft(draft: DraftPlaybook): string {
    const lines: string[] = [
        `// Drafted by 'playbook init' from ${baseName(draft.source)}: ${deals(draft.deals)} (${count(draft.won)} won, ${count(draft.terminated)} lost, ${count(draft.open)} open).`,
        `// Stages are in the order deals moved through them most; a stage ${percent(draft.settings.optionalShare * 100)} or more of the passing deals skipped is optional;`,
        `// probabilities are the share of closed deals that reached the stage and were won; within is the ${ordinal(draft.settings.withinPercentile)} percentile of days in stage.`,
        '// The export shows no exit criteria: add the gates and required tasks of your process.',
        ...(draft.lateStarts > 0 ? [`// ${deals(draft.lateStarts)} ${draft.lateStarts === 1 ? 'starts' : 'start'} later than ${draft.stages[0].name} in the export (a late start, not a skip).`] : []),
        `playbook ${draft.name} {`
    ];
    const body: string[][] = [[`title ${quote(draft.title)}`, ...(draft.amountField ? [`forecast ${draft.amountField.name}`] : [])]];
    if (draft.amountField) {
        body.push([`// The export's amount column, given for ${deals(draft.amountField.deals)}.`, `field ${draft.amountField.name}: money`]);
    }
    for (const stage of draft.stages) body.push(renderStage(stage, draft));
    for (const outcome of draft.outcomes) body.push(renderOutcome(outcome));
    if (draft.wonNames.length > 0) {
        body.push([`// Names of the export that end a deal won.`, `won alias ${draft.wonNames.map(quote).join(', ')}`]);
    }
    lines.push(...body.flatMap((section, i) => [...(i === 0 ? [] : ['']), ...section.map(line => INDENT + line)]));
    lines.push('}');
    return `${lines.join('\n')}\n`;
}

function renderStage(stage: DraftStage, draft: DraftPlaybook): string[] {
    const comments: string[] = [];
    comments.push(`${deals(stage.reached)} reached this stage${stage.closed > 0 ? `; of the ${count(stage.closed)} that closed, ${percent(stage.observedWinRate!)} were won` : '; none of them has closed yet'}.`);
    const passed = stage.reached + stage.skipped;
    if (stage.skipped > 0) {
        comments.push(`${count(stage.skipped)} of the ${count(passed)} deals that went past it skipped it (${percent((100 * stage.skipped) / passed)})${stage.optional ? ': optional' : ''}.`);
    }
    if (stage.probability !== undefined && stage.observedWinRate !== undefined && stage.probability !== Math.round(stage.observedWinRate)) {
        comments.push(`Probability ${stage.probability}%, not the observed ${percent(stage.observedWinRate)}: a later stage must not be less likely to win (pooled with its neighbours).`);
    }
    if (stage.withinDays !== undefined) {
        const median = nearestRank(stage.stayDays, 50)!;
        comments.push(`${count(stage.stayDays.length)} stays ended: median ${plural(median, 'day')}, ${draft.settings.withinPercentile}% within ${plural(stage.withinDays, 'day')}.`);
    } else if (stage.stayDays.length > 0) {
        comments.push(`Only ${count(stage.stayDays.length)} stay${stage.stayDays.length === 1 ? '' : 's'} ended: too few for a time limit.`);
    }
    if (stage.regressions > 0) comments.push(`${count(stage.regressions)} move${stage.regressions === 1 ? '' : 's'} back into it from a later stage.`);
    const body = [
        `alias ${stage.crmNames.map(quote).join(', ')}`,
        ...(stage.probability !== undefined ? [`probability ${formatNumber(stage.probability)}%`] : []),
        ...(stage.withinDays !== undefined ? [`within ${formatNumber(stage.withinDays)} days`] : []),
        ...stage.tasks.flatMap(task => [
            `// Done in ${deals(task.deals)}.`,
            `task ${task.name}${task.crmName !== task.name ? ` ${quote(task.crmName)}` : ''}`
        ])
    ];
    return [
        ...comments.map(line => `// ${line}`),
        `${stage.optional ? 'optional ' : ''}stage ${stage.name} {`,
        ...body.map(line => INDENT + line),
        '}'
    ];
}

function renderOutcome(outcome: DraftOutcome): string[] {
    const lines = [`// ${deals(outcome.deals)} ended ${outcome.name}${outcome.withoutReason > 0 ? ` (${count(outcome.withoutReason)} with no reason given)` : ''}.`];
    if (outcome.undeclared.reasons > 0) {
        lines.push(`// ${count(outcome.undeclared.reasons)} rarer reasons (${deals(outcome.undeclared.deals)}) are not declared: their deals replay as undeclared reasons.`);
    }
    if (outcome.reasons.length === 0) {
        lines.push(`terminate ${outcome.name} ${quote(NO_REASON)}`);
    } else {
        for (const reason of outcome.reasons) {
            lines.push(`terminate ${outcome.name} ${quote(reason.reason)} // ${deals(reason.deals)}`);
        }
    }
    if (outcome.crmNames.length > 0) {
        lines.push(`terminate ${outcome.name} alias ${outcome.crmNames.map(quote).join(', ')}`);
    }
    return lines;
}

function baseName(file: string): string {
    return file.split(/[\\/]/).pop() || file;
}

const count = groupedCount;

function deals(n: number): string {
    return `${count(n)} deal${n === 1 ? '' : 's'}`;
}

function plural(n: number, word: string): string {
    return `${count(n)} ${word}${n === 1 ? '' : 's'}`;
}

function percent(value: number): string {
    const rounded = Math.round(value);
    return rounded === 0 && value > 0 ? '<1%' : `${rounded}%`;
}

function ordinal(n: number): string {
    const tens = n % 100;
    const suffix = tens >= 11 && tens <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
    return `${n}${suffix}`;
}
