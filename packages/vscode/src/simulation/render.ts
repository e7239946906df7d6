/**
 * The simulation report as HTML, from the plain view data: a funnel chart (SVG, as wide as
 * the panel), conversion and cycle-time tables that fit a half-width panel, the input's
 * problems (each once, with an "add this alias" action for unknown stage names) and the
 * violations grouped by rule and stage, each deal linked to the lines of its rows.
 *
 * Pure (no DOM, no `vscode`), so the webview's script and the unit tests use the same code.
 * Every text from the data is escaped. Long lists are paged: at most `PAGE_SIZE` problems,
 * groups, or deals of a group are rendered at a time, so a report of 58,000 violations
 * renders a few hundred elements, not 58,000.
 */
import { escapeHtml as e } from '../html.js';
import type { AggregateReport, InputProblem, SimulationViewData, TimeSummary, ViewDeal, ViewStage, ViewViolation } from './view-data.js';

export const PAGE_SIZE = 100;
/** Row links listed for one deal; the deal's name selects all of them. */
const LINES_LISTED = 8;

export interface ViolationGroup {
    code: string;
    severity: 'error' | 'warning';
    /** The stage the deals were in; absent before any stage or after the deal ended. */
    stage?: string;
    /** Violations in the group. */
    count: number;
    /** The deals (indexes into `SimulationViewData.deals`, in input order) and their violations of this group. */
    deals: Array<{ deal: number; violations: ViewViolation[] }>;
}

/** What the reader has unfolded: kept by the webview (and in its saved state) across renders. */
export interface ViewState {
    /** The panel's width in CSS pixels: the funnel is drawn to it. */
    width: number;
    problemsShown: number;
    groupsShown: number;
    /** Deals shown in each open group, by group index. */
    open: Record<number, number>;
    /** Aliases added from this view: unknown name → the stage it was added to. */
    added: Record<string, string>;
}

export function initialState(width: number): ViewState {
    // The largest group is open: the first thing to fix is in view.
    return { width, problemsShown: PAGE_SIZE, groupsShown: PAGE_SIZE, open: { 0: PAGE_SIZE }, added: {} };
}

const severityRank = (group: ViolationGroup): number => (group.severity === 'error' ? 0 : 1);

/** Violations by rule and stage, errors before warnings, the most frequent first; deals in input order within a group. */
export function groupViolations(deals: readonly ViewDeal[]): ViolationGroup[] {
    const groups = new Map<string, ViolationGroup>();
    deals.forEach((deal, index) => {
        const mine = new Map<ViolationGroup, ViewViolation[]>();
        for (const violation of deal.violations) {
            const key = `${violation.code}\u0000${violation.stage ?? ''}`;
            let group = groups.get(key);
            if (!group) {
                group = { code: violation.code, severity: violation.severity, ...(violation.stage !== undefined ? { stage: violation.stage } : {}), count: 0, deals: [] };
                groups.set(key, group);
            }
            group.count++;
            const list = mine.get(group);
            if (list) list.push(violation);
            else mine.set(group, [violation]);
        }
        for (const [group, violations] of mine) group.deals.push({ deal: index, violations });
    });
    return [...groups.values()].sort((a, b) => severityRank(a) - severityRank(b) || b.count - a.count || b.deals.length - a.deals.length
        || a.code.localeCompare(b.code) || (a.stage ?? '').localeCompare(b.stage ?? ''));
}

/** The whole view. */
export function renderView(data: SimulationViewData, groups: readonly ViolationGroup[], state: ViewState): string {
    const parts = [renderHeader(data)];
    if (data.fatal) {
        const at = data.fatal.line !== undefined ? ` (${lineLink(data.fatal.line)})` : '';
        parts.push(`<div class="banner error" role="alert"><strong>The export could not be read.</strong> ${e(data.fatal.message)}${at}</div>`);
    } else if (data.summary.withheld) {
        const total = data.input.usedRows + data.input.unusableRows;
        parts.push(`<div class="banner error" role="alert"><strong>No report:</strong> ${count(data.input.unusableRows)} of ${count(total)} rows are unusable. `
            + `Fix the problems below first; a report of the other ${count(data.input.usedRows)} would mislead.</div>`);
    } else if (data.summary.empty) {
        parts.push('<div class="banner" role="status">The export has a header but no rows: there are no deals to simulate.</div>');
    }
    if (data.problems.length > 0) parts.push(renderProblems(data, state));
    if (data.input.incompleteDeals > 0) parts.push(renderIncomplete(data));
    if (data.report) parts.push(renderReport(data.report, data.playbook.stages, state.width));
    if (data.report && data.summary.dealsWithViolations > 0) parts.push(renderViolations(data, groups, state));
    return parts.join('\n');
}

function renderHeader(data: SimulationViewData): string {
    const report = data.report;
    const facts = [`<span class="file">${e(data.dealsFile)}</span>`, `${count(data.summary.deals)} deal${data.summary.deals === 1 ? '' : 's'}`];
    if (report?.asOf) facts.push(`as of ${e(report.asOf)}`);
    if (data.input.unusableRows > 0) facts.push(`${count(data.input.unusableRows)} row${data.input.unusableRows === 1 ? '' : 's'} skipped`);
    const title = data.playbook.title ? ` <span class="muted">${e(data.playbook.title)}</span>` : '';
    return `<header><div class="heading"><h1>${e(data.playbook.name)}${title}</h1>`
        + `<div class="meta">${facts.map(f => `<span class="fact">${f}</span>`).join(' · ')}</div></div>`
        + '<button class="secondary" data-action="rerun" title="Replay the export against the playbook as it is now">Run again</button></header>';
}

// ---------------------------------------------------------------------------------------
// Input problems

function renderProblems(data: SimulationViewData, state: ViewState): string {
    const shown = data.problems.slice(0, state.problemsShown);
    const cards = shown.map((problem, index) => renderProblem(problem, index, data.playbook.stages, state)).join('');
    return `<section id="problems"><h2>Input problems <span class="count">${count(data.problems.length)} kind${data.problems.length === 1 ? '' : 's'}, `
        + `${count(data.input.unusableRows)} row${data.input.unusableRows === 1 ? '' : 's'} skipped</span></h2>`
        + `<ol class="cards" data-list="problems">${cards}</ol>${moreButton('problems', data.problems.length - shown.length)}</section>`;
}

/** One problem card; `index` is its position in `data.problems`. */
export function renderProblem(problem: InputProblem, index: number, stages: readonly ViewStage[], state: ViewState): string {
    const rows = `${count(problem.rows)} row${problem.rows === 1 ? '' : 's'}`;
    const lines = problem.lines.length > 0
        ? ` · line${problem.lines.length === 1 ? '' : 's'} ${problem.lines.map(lineLink).join(', ')}${problem.count > problem.lines.length ? ' …' : ''}` : '';
    const fix = problem.fix ? `<div class="fix"><span class="label">Fix</span> ${e(problem.fix)}</div>` : '';
    return `<li class="card problem" data-problem="${index}"><div class="card-head"><code class="code">${e(problem.code)}</code> <span class="muted">${rows}${lines}</span></div>`
        + `<div class="message">${e(problem.message)}</div>${fix}${aliasAction(problem, index, stages, state)}</li>`;
}

function aliasAction(problem: InputProblem, index: number, stages: readonly ViewStage[], state: ViewState): string {
    if (problem.code !== 'unknown-stage' || problem.subject === undefined || stages.length === 0) return '';
    const name = problem.subject;
    const added = state.added[name];
    if (added !== undefined) {
        return `<div class="alias done" role="status">✓ <code>alias "${e(name)}"</code> added to ${e(added)}. `
            + '<button class="link" data-action="rerun">Run again</button> to replay with it.</div>';
    }
    const options = stages.map(s => `<option value="${e(s.name)}">${e(s.name)}${s.title ? ` — ${e(s.title)}` : ''}</option>`).join('');
    return `<div class="alias"><label>Stage for "${e(name)}" <select data-alias-stage="${index}"><option value="">Choose…</option>${options}</select></label>`
        + ` <button data-add-alias="${index}" title="Adds alias &#34;${e(name)}&#34; to the stage in the playbook (asks which stage when none is chosen)">Add alias</button></div>`;
}

/** Incomplete deals named in the view (the count says how many there are). */
const INCOMPLETE_LISTED = 20;

/** Said before the figures, which count these deals as their first rows show them. */
function renderIncomplete(data: SimulationViewData): string {
    const n = data.input.incompleteDeals;
    const listed = data.input.incomplete.slice(0, INCOMPLETE_LISTED).map(d => `<li><a href="#" data-line="${d.lines[0]}">${e(d.deal)}</a> `
        + `<span class="muted">${count(d.rows)} row${d.rows === 1 ? '' : 's'} skipped: line${d.lines.length === 1 ? '' : 's'} ${d.lines.map(lineLink).join(', ')}${d.lines.length < d.rows ? ' …' : ''}</span></li>`).join('');
    const more = n > INCOMPLETE_LISTED ? `<li class="muted">… and ${count(n - INCOMPLETE_LISTED)} more</li>` : '';
    return `<div class="banner warning" role="status" id="incomplete"><strong>Incomplete:</strong> ${count(n)} deal${n === 1 ? ' was' : 's were'} replayed from ${n === 1 ? 'its' : 'their'} first rows only: `
        + `later rows came after other deals' and were skipped. The figures count ${n === 1 ? 'it' : 'them'} as those first rows show ${n === 1 ? 'it' : 'them'}; sort the export by deal id for a complete replay.`
        + `<ul class="plain">${listed}${more}</ul></div>`;
}

// ---------------------------------------------------------------------------------------
// The aggregate report

function renderReport(report: AggregateReport, stages: readonly ViewStage[], width: number): string {
    const { outcomes } = report;
    const ended = Object.entries(outcomes.byOutcome).map(([name, n]) => `${count(n)} ${e(name)}`).join(', ');
    const stats = [
        stat('Won', count(outcomes.won), report.won.dealsWithAmount > 0 ? `value ${money(report.won.value)}` : undefined),
        stat('Ended', count(outcomes.terminated), ended || undefined),
        stat('Open', count(outcomes.open), report.asOf ? `as of ${e(report.asOf)}` : undefined),
        stat('Win rate', percent(report.winRate.ofClosed), `of closed · ${percent(report.winRate.ofAll)} of all`),
        stat('Cycle (won)', days(report.cycleTime.won.median), report.cycleTime.won.count > 0 ? `median · p90 ${days(report.cycleTime.won.p90)}` : 'no won deal'),
        forecastStat(report.forecast)
    ];
    return `<section id="outcomes"><h2>Outcomes</h2><div class="stats">${stats.join('')}</div></section>`
        + `<section id="funnel-section"><h2>Funnel</h2><div id="funnel">${renderFunnel(report, stages, width)}</div>${funnelNotes(report)}</section>`
        + renderConversion(report)
        + renderCycleTimes(report)
        + renderUnverifiable(report);
}

function stat(label: string, value: string, detail?: string): string {
    return `<div class="stat"><div class="stat-label">${label}</div><div class="stat-value">${value}</div>${detail ? `<div class="stat-detail">${detail}</div>` : ''}</div>`;
}

function forecastStat(f: AggregateReport['forecast']): string {
    if (f.deals === 0) return stat('Forecast', '—', 'nothing to forecast');
    if (f.dealsWithoutAmount === f.deals) {
        return stat('Forecast', `${number(f.expectedWins)} wins`, `90%: ${number(f.interval.wins[0])}–${number(f.interval.wins[1])} · no amounts`);
    }
    return stat('Forecast', money(f.expectedValue), `90%: ${money(f.interval.value[0])}–${money(f.interval.value[1])} · ${number(f.expectedWins)} wins`);
}

/** Pixels a label takes at the view's font size: wide (CJK) characters count double. */
export function textWidth(text: string, px = 7): number {
    let width = 0;
    for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? px * 1.85 : px;
    return width;
}

function fitText(text: string, room: number): string {
    if (textWidth(text) <= room) return text;
    let out = '';
    for (const char of text) {
        if (textWidth(`${out}${char}…`) > room) break;
        out += char;
    }
    return `${out}…`;
}

const ROW = 44;
const BAR = 16;

/**
 * The funnel as an SVG `width` pixels wide: a row per stage (its name and title, how many
 * deals reached it and what share went on) with a bar of the deals that reached it, the part
 * that advanced darker; then the win. Bars are scaled to all deals of the report.
 */
export function renderFunnel(report: AggregateReport, stages: readonly ViewStage[], width: number): string {
    const w = Math.max(240, Math.floor(width));
    const titles = new Map(stages.map(s => [s.name, s.title]));
    const base = Math.max(1, report.deals);
    const rows = report.funnel.map((stage, i) => {
        const y = i * ROW;
        const reached = Math.round((w * stage.reached) / base);
        const advanced = Math.round((w * stage.advanced) / base);
        const figures = `${count(stage.reached)} · ${stage.conversion === null ? '—' : `${Math.round(stage.conversion * 100)}% advanced`}`;
        const room = w - textWidth(figures) - 12;
        const title = titles.get(stage.stage);
        const label = fitText(`${stage.stage}${stage.optional ? ' (optional)' : ''}${title ? ` · ${title}` : ''}`, room);
        const tooltip = `${stage.stage}${title ? ` “${title}”` : ''}: reached by ${stage.reached}, advanced ${stage.advanced}, pending ${stage.pending}, ended here ${stage.endedHere}, skipped ${stage.skipped}`;
        return `<g class="stage-row" data-stage="${e(stage.stage)}" transform="translate(0 ${y})"><title>${e(tooltip)}</title>`
            + `<text class="label" x="0" y="14">${e(label)}</text><text class="figures" x="${w}" y="14" text-anchor="end">${e(figures)}</text>`
            + `<rect class="track" x="0" y="20" width="${w}" height="${BAR}" rx="3"/>`
            + (reached > 0 ? `<rect class="reached" x="0" y="20" width="${reached}" height="${BAR}" rx="3"/>` : '')
            + (advanced > 0 ? `<rect class="advanced" x="0" y="20" width="${advanced}" height="${BAR}" rx="3"/>` : '')
            + '</g>';
    });
    const y = report.funnel.length * ROW;
    const won = Math.round((w * report.won.deals) / base);
    rows.push(`<g class="stage-row won" data-stage="won" transform="translate(0 ${y})"><title>Won by ${report.won.deals}</title>`
        + `<text class="label" x="0" y="14">Won</text><text class="figures" x="${w}" y="14" text-anchor="end">${count(report.won.deals)} · ${percent(report.winRate.ofAll)} of all</text>`
        + `<rect class="track" x="0" y="20" width="${w}" height="${BAR}" rx="3"/>`
        + (won > 0 ? `<rect class="won-bar" x="0" y="20" width="${won}" height="${BAR}" rx="3"/>` : '') + '</g>');
    const height = (report.funnel.length + 1) * ROW;
    return `<svg class="funnel" role="img" aria-label="Funnel of ${report.deals} deals" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}">${rows.join('')}</svg>`
        + '<div class="legend"><span class="swatch advanced"></span>advanced <span class="swatch reached"></span>reached, not (yet) on <span class="swatch won-bar"></span>won</div>';
}

function funnelNotes(report: AggregateReport): string {
    const notes: string[] = [];
    if (report.lateStarts.deals > 0) {
        const where = report.lateStarts.byStage.map(s => `${s.stage === null ? 'at the win' : e(s.stage)} ${count(s.deals)}`).join(', ');
        notes.push(`${count(report.lateStarts.deals)} deal${report.lateStarts.deals === 1 ? '' : 's'} start after the first stage (${where}): the stages before a history's first record are neither reached nor skipped.`);
    }
    const unobserved = report.funnel.filter(s => s.unobserved > 0);
    if (unobserved.length > 0) {
        notes.push(`No date column for ${unobserved.map(s => `${e(s.stage)} (${count(s.unobserved)})`).join(', ')}: deals that moved over ${unobserved.length === 1 ? 'it' : 'them'} are neither reached nor skipped.`);
    }
    return notes.map(n => `<p class="note">${n}</p>`).join('');
}

function renderConversion(report: AggregateReport): string {
    const rows = report.funnel.map(s => `<tr><th scope="row">${e(s.stage)}${s.optional ? ' <span class="muted">(optional)</span>' : ''}</th>`
        + `<td>${count(s.reached)}</td><td>${count(s.advanced)}</td><td>${percent(s.conversion)}</td><td class="fold">${percent(s.decidedConversion)}</td>`
        + `<td>${count(s.pending)}</td><td>${count(s.endedHere)}</td><td class="fold">${count(s.skipped)}</td></tr>`).join('');
    return '<section id="conversion"><h2>Conversion</h2><div class="table-wrap"><table class="numbers">'
        + '<thead><tr><th>Stage</th><th title="Deals seen in the stage">Reached</th><th title="Of those, deals that went on to a later stage or the win">On</th>'
        + '<th title="On / reached">Conv.</th><th class="fold" title="On / (reached − pending): among the deals decided in the stage">Decided</th>'
        + '<th title="Open deals whose furthest stage is this one">Open</th><th title="Ended deals whose last stage was this one">Ended</th>'
        + '<th class="fold" title="Deals that moved over the stage">Skipped</th></tr></thead>'
        + `<tbody>${rows}</tbody></table></div></section>`;
}

function renderCycleTimes(report: AggregateReport): string {
    const row = (label: string, time: TimeSummary, limit?: number, open?: TimeSummary) => `<tr><th scope="row">${label}</th><td>${count(time.count)}</td>`
        + `<td>${days(time.median)}</td><td>${days(time.p90)}</td><td class="fold">${days(time.mean)}</td>`
        + `<td>${open && open.count > 0 ? `${days(open.median)} <span class="muted">(${count(open.count)})</span>` : '—'}</td><td class="fold">${limit === undefined ? '—' : days(limit)}</td></tr>`;
    const stages = report.funnel.map(s => row(e(s.stage), s.days, s.withinDays, s.pendingDays)).join('');
    const totals = row('Cycle, closed', report.cycleTime.closed) + row('Cycle, won', report.cycleTime.won);
    return '<section id="cycle-times"><h2>Days in stage</h2><div class="table-wrap"><table class="numbers">'
        + '<thead><tr><th>Stage</th><th title="Stays that ended (the deal left the stage)">Stays</th><th>Median</th><th title="90th percentile">P90</th><th class="fold">Mean</th>'
        + `<th title="Open deals in the stage now: median days so far (how many)">Open now</th><th class="fold" title="The stage's time limit (within)">Limit</th></tr></thead>`
        + `<tbody>${stages}</tbody><tbody class="totals">${totals}</tbody></table></div></section>`;
}

function renderUnverifiable(report: AggregateReport): string {
    if (report.unverifiable.length === 0) return '';
    const items = report.unverifiable.map(check => {
        const where = check.gate !== undefined ? `gate ${e(check.gate)} of ${e(check.stage)}` : e(check.stage);
        const what = check.requirement.kind === 'task' ? `requires ${e(check.requirement.task)}` : `when <code>${e(check.requirement.condition)}</code>`;
        const needs = check.needs.kind === 'task-column' ? 'a task column (the tasks done, separated by ;)'
            : `a column ${check.needs.fields.map(f => `"${e(f)}"`).join(', ')}`;
        return `<li>${where}: ${what}: needs ${needs}; <span class="muted">${count(check.deals)} deal${check.deals === 1 ? '' : 's'} left the stage unchecked</span></li>`;
    }).join('');
    // Often a long list (every task and field a CRM export has no column for): folded, with what it needs in the summary.
    const needs = new Set(report.unverifiable.flatMap(c => (c.needs.kind === 'task-column' ? ['a task column'] : c.needs.fields.map(f => `"${f}"`))));
    return `<section id="unverifiable"><h2>Not verifiable with this data</h2><details><summary>${count(report.unverifiable.length)} check${report.unverifiable.length === 1 ? '' : 's'} `
        + `of the playbook need columns the export lacks: ${e([...needs].join(', '))}. Not counted as violations.</summary><ul class="plain">${items}</ul></details></section>`;
}

// ---------------------------------------------------------------------------------------
// Violations, grouped by rule and stage

function renderViolations(data: SimulationViewData, groups: readonly ViolationGroup[], state: ViewState): string {
    const total = groups.reduce((n, g) => n + g.count, 0);
    const shown = groups.slice(0, state.groupsShown);
    const omitted = data.dealsOmitted > 0 ? `<p class="note">The first ${count(data.deals.length)} deals with violations are listed; ${count(data.dealsOmitted)} more are counted above.</p>` : '';
    return `<section id="violations"><h2>Violations <span class="count">${count(total)} in ${count(data.summary.dealsWithViolations)} of ${count(data.summary.deals)} deals</span></h2>${omitted}`
        + `<div class="groups" data-list="groups">${shown.map((g, i) => renderGroup(data, g, i, state)).join('')}</div>`
        + `${moreButton('groups', groups.length - shown.length)}</section>`;
}

/** One group: its summary line and, when open, its first deals. */
export function renderGroup(data: SimulationViewData, group: ViolationGroup, index: number, state: ViewState): string {
    const shown = state.open[index];
    const where = group.stage !== undefined ? `in ${e(group.stage)}` : '<span class="muted">outside any stage</span>';
    const body = shown === undefined ? '' : renderGroupDeals(data, group, 0, shown);
    return `<details class="group ${group.severity}" data-group="${index}"${shown !== undefined ? ' open' : ''}>`
        + `<summary><code class="code">${e(group.code)}</code> ${where} <span class="count">${count(group.count)} in ${count(group.deals.length)} deal${group.deals.length === 1 ? '' : 's'}</span></summary>`
        + `<ul class="deals" data-list="deals" data-group="${index}">${body}</ul>`
        + (shown === undefined ? '' : moreButton(`deals:${index}`, group.deals.length - Math.min(shown, group.deals.length)))
        + '</details>';
}

/** The deals `from`..`to` of a group (one page is appended at a time). */
export function renderGroupDeals(data: SimulationViewData, group: ViolationGroup, from: number, to: number): string {
    return group.deals.slice(from, to).map(({ deal, violations }) => renderDeal(data.deals[deal], deal, violations)).join('');
}

function renderDeal(deal: ViewDeal, index: number, violations: readonly ViewViolation[]): string {
    const lines = deal.lines.slice(0, LINES_LISTED).map(lineLink).join(' ');
    const more = deal.lines.length > LINES_LISTED ? ` <span class="muted">+${count(deal.lines.length - LINES_LISTED)}</span>` : '';
    const messages = violations.map(v => `<li><span class="date">${e(v.date)}</span> ${e(v.message)}</li>`).join('');
    return `<li class="deal"><div class="deal-head"><a href="#" class="deal-name" data-deal="${index}" title="Select its ${deal.lines.length} row${deal.lines.length === 1 ? '' : 's'} in ${e(deal.source.file)}">${e(deal.deal)}</a>`
        + `${deal.title ? ` <span class="muted">${e(deal.title)}</span>` : ''} <span class="rows">row${deal.lines.length === 1 ? '' : 's'} ${lines}${more}</span>${incompleteMark(deal)}</div>`
        + `<div class="deal-summary muted">${e(deal.summary)}</div><ul class="messages">${messages}</ul></li>`;
}

function incompleteMark(deal: ViewDeal): string {
    if (!deal.incomplete) return '';
    const { rows, lines } = deal.incomplete;
    return ` <span class="incomplete" title="Replayed from its first rows only: ${count(rows)} later row${rows === 1 ? '' : 's'} skipped (line ${lines.join(', ')})">incomplete</span>`;
}

/** The "Show more" button of a list (`problems`, `groups`, `deals:<group>`); nothing when all is shown. */
export function moreButton(list: string, remaining: number): string {
    if (remaining <= 0) return '';
    return `<button class="more" data-more="${e(list)}">Show ${count(Math.min(PAGE_SIZE, remaining))} more <span class="muted">(${count(remaining)} not shown)</span></button>`;
}

function lineLink(line: number): string {
    return `<a href="#" data-line="${line}">${line}</a>`;
}

// ---------------------------------------------------------------------------------------
// Figures: an unknown one is "—", never 0.

function count(n: number): string {
    return n.toLocaleString('en-US');
}

function percent(value: number | null): string {
    return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

function number(value: number | null | undefined): string {
    if (value === null || value === undefined) return '—';
    return Number.isInteger(value) ? count(value) : value.toFixed(1);
}

function days(value: number | null | undefined): string {
    return value === null || value === undefined ? '—' : `${number(value)} d`;
}

function money(value: number): string {
    return Math.round(value).toLocaleString('en-US');
}
