/**
 * A handbook for salespeople: the playbook as a Markdown document to read, not to parse.
 * For each stage: its chance to win, its time limit, its tasks as a checklist, what must
 * hold before a deal moves on, how often a deal is followed up there, and how a deal can end
 * there. Every text from the playbook
 * goes through `markdownText`, so no title can inject HTML or break the document.
 */
import { daysText, expressionToText } from '../model/expression-text.js';
import type { CadenceModel, FieldModel, PlaybookModel, StageModel, TaskModel, TerminationModel } from '../model/playbook-model.js';
import { markdownBlockText, markdownText as md } from './markdown-text.js';

export function playbookToMarkdown(playbook: PlaybookModel): string {
    const taskTitles = new Map(playbook.stages.flatMap(s => s.tasks.map(t => [t.name, taskTitle(t)] as const)));
    const sections = [
        header(playbook),
        overview(playbook),
        fields(playbook.fields, playbook.forecastField),
        followUp(playbook),
        ...playbook.stages.map((stage, i) => stageSection(playbook, stage, i, taskTitles)),
        endings(playbook)
    ].filter(section => section.length > 0);
    return `${sections.map(lines => lines.join('\n')).join('\n\n')}\n`;
}

function header(playbook: PlaybookModel): string[] {
    const facts = [
        `Playbook ${md(playbook.name)}`,
        // A variant is shown resolved: what its deals go through, with the process it derives from named.
        ...(playbook.variantOf !== undefined ? [`a variant of ${md(playbook.variantOf)}`] : []),
        ...(playbook.version !== undefined ? [`version ${md(playbook.version)}`] : [])
    ];
    return [
        `# ${md(playbook.title ?? playbook.name)}`,
        '',
        `${facts.join(' · ')}`,
        ...(playbook.forbidRegressions ? ['', 'A deal never moves back to an earlier stage.'] : [])
    ];
}

function overview(playbook: PlaybookModel): string[] {
    return [
        '## The stages',
        '',
        ...playbook.stages.map((stage, i) => {
            const facts = [
                ...(stage.probability !== undefined ? [`${stage.probability}% chance to win`] : []),
                ...(stage.withinDays !== undefined ? [`at most ${days(stage.withinDays)}`] : []),
                ...(stage.optional ? ['optional'] : [])
            ];
            return `${i + 1}. ${markdownBlockText(stageTitle(stage))}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
        })
    ];
}

function fields(list: readonly FieldModel[], forecastField: string | undefined): string[] {
    const criteria = list.filter(field => !field.informational), profile = list.filter(field => field.informational);
    const item = (field: FieldModel): string => {
        const type = field.type === 'enum' ? `one of ${(field.values ?? []).map(md).join(', ')}` : TYPE_WORDS[field.type];
        const start = field.default !== undefined ? `; starts as ${md(valueWords(field.default))}` : '';
        const value = field.name === forecastField ? ' (the deal\'s value: the forecast weighs it)' : '';
        const early = field.notBefore !== undefined ? ` (not before stage ${md(field.notBefore)})` : '';
        return `- **${md(field.name)}**: ${type}${start}${value}${early}`;
    };
    return [
        ...(criteria.length > 0 ? ['## What to record about each deal', '', ...criteria.map(item)] : []),
        ...(criteria.length > 0 && profile.length > 0 ? [''] : []),
        // `info field`s: what the team keeps about the customer; no rule of the process reads them.
        ...(profile.length > 0 ? ['## Customer profile (for information)', '', ...profile.map(item)] : [])
    ];
}

/** The activity kinds to record, and every cadence rule in words. */
function followUp(playbook: PlaybookModel): string[] {
    const activities = playbook.activities ?? [];
    const cadences = playbook.cadences ?? [];
    if (activities.length === 0 && cadences.length === 0) return [];
    const kinds = activities.map(a => (a.title !== undefined ? `${md(a.name)} (${md(a.title)})` : md(a.name)));
    return [
        '## Following up',
        '',
        ...(kinds.length > 0 ? [`Record every contact with the customer on the deal, with its date: ${kinds.join(', ')}.`] : []),
        ...(cadences.length > 0 ? [...(kinds.length > 0 ? [''] : []), ...cadences.map(rule => `- ${cadenceWords(playbook, rule)}`)] : [])
    ];
}

function cadenceWords(playbook: PlaybookModel, rule: CadenceModel): string {
    const name = rule.title !== undefined ? `**${md(rule.title)}**: ` : '';
    const by = rule.kinds.length > 0 ? `a ${rule.kinds.map(md).join(' or ')}` : 'a contact';
    const when = rule.when ? ` while ${md(expressionToText(rule.when))}` : '';
    const during = rule.stages.length > 0
        ? ` in ${rule.stages.map(name => md(stageTitle(playbook.stages.find(s => s.name === name)) ?? name)).join(', ')}`
        : '';
    return `${name}${by} at least every ${days(rule.everyDays)}${when}${during}`;
}

const TYPE_WORDS: Record<string, string> = {
    money: 'an amount of money', number: 'a number', bool: 'yes or no', text: 'text', date: 'a date', days: 'a number of days'
};

function stageSection(playbook: PlaybookModel, stage: StageModel, index: number, taskTitles: ReadonlyMap<string, string>): string[] {
    const lines = [`## Stage ${index + 1}: ${md(stageTitle(stage))}`, ''];
    if (stage.optional) lines.push('*Optional: a deal may skip this stage.*', '');
    const facts = [
        ...(stage.probability !== undefined ? [`- **Chance to win:** ${stage.probability}%`] : []),
        ...(stage.withinDays !== undefined ? [`- **Time limit:** ${days(stage.withinDays)} in this stage`] : []),
        ...(stage.aliases.length > 0 ? [`- **In the CRM:** ${stage.aliases.map(md).join(', ')}`] : [])
    ];
    if (facts.length > 0) lines.push(...facts, '');
    if (stage.tasks.length > 0) {
        lines.push('### Tasks', '', ...stage.tasks.map(taskItem), '');
    }
    lines.push('### Before the deal moves on', '', ...requirements(playbook, stage, index, taskTitles), '');
    const cadences = (playbook.cadences ?? []).filter(rule => rule.stages.length === 0 || rule.stages.includes(stage.name));
    if (cadences.length > 0) {
        lines.push('### Follow-up', '', ...cadences.map(rule => `- ${cadenceWords(playbook, rule)}`), '');
    }
    const endings = playbook.terminations.filter(rule => rule.from.length === 0 || rule.from.includes(stage.name));
    if (endings.length > 0) {
        lines.push('### How a deal can end here', '', ...endings.map(rule => `- ${ruleWords(rule)}`), '');
    }
    return lines.slice(0, -1);
}

function taskItem(task: TaskModel): string {
    const notes = [
        ...(task.required ? ['**required**'] : []), ...(task.owner !== undefined ? [`owner: ${md(task.owner)}`] : []),
        ...(task.notBefore !== undefined ? [`not before stage ${md(task.notBefore)}`] : [])
    ];
    return `- [ ] ${md(taskTitle(task))}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

function requirements(playbook: PlaybookModel, stage: StageModel, index: number, taskTitles: ReadonlyMap<string, string>): string[] {
    const items = stage.tasks.filter(t => t.required).map(t => `- [ ] ${md(taskTitle(t))} is done`);
    for (const gate of stage.gates) {
        const gateName = md(gate.title ?? gate.name);
        items.push(...gate.requires.map(task => `- [ ] ${md(taskTitles.get(task) ?? task)} is done (${gateName})`));
        items.push(...gate.when.map(condition => `- [ ] ${md(expressionToText(condition))} (${gateName})`));
    }
    const last = index === playbook.stages.length - 1;
    const then = last ? 'Passing this stage wins the deal.' : undefined;
    if (items.length === 0) {
        return [last ? 'Nothing is checked: passing this stage wins the deal.' : 'Nothing is checked: the deal may move on at any time.'];
    }
    return [...items, ...(then ? ['', then] : [])];
}

function endings(playbook: PlaybookModel): string[] {
    const last = playbook.stages[playbook.stages.length - 1];
    return [
        '## How deals end',
        '',
        `- **Won**: by passing the last stage${last ? ` (${md(stageTitle(last))})` : ''}.`,
        ...playbook.terminations.map(rule => {
            const from = rule.from.length === 0
                ? 'from any stage'
                : `from ${rule.from.map(name => md(stageTitle(playbook.stages.find(s => s.name === name)) ?? name)).join(', ')}`;
            return `- ${ruleWords(rule)}; ${from}.`;
        }),
        ...crmNames(playbook)
    ];
}

/** `won alias` and `terminate X alias`: what the ends are called in the CRM. */
function crmNames(playbook: PlaybookModel): string[] {
    const lines = [
        ...(playbook.wonAliases?.length ? [`- **Won** is ${playbook.wonAliases.map(md).join(', ')}`] : []),
        ...(playbook.outcomeAliases ?? []).map(entry => `- **${md(entry.outcome)}** is ${entry.aliases.map(md).join(', ')}`)
    ];
    return lines.length > 0 ? ['', '**In the CRM:**', '', ...lines] : [];
}

function ruleWords(rule: TerminationModel): string {
    const how = rule.when ? `automatically when ${md(expressionToText(rule.when))}` : 'recorded by the salesperson';
    return `**${md(rule.outcome)}**: ${md(rule.reason)}, ${how}`;
}

function stageTitle(stage: StageModel): string;
function stageTitle(stage: StageModel | undefined): string | undefined;
function stageTitle(stage: StageModel | undefined): string | undefined {
    return stage && (stage.title ?? stage.name);
}

function taskTitle(task: TaskModel): string {
    return task.title ?? task.name;
}

function days(count: number): string {
    return daysText(count);
}

function valueWords(value: string | number | boolean): string {
    return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
}
