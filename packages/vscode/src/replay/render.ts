/**
 * A deal's replay as HTML, from the server's `playbook/replay` answer: its outcome, a
 * timeline with every stage of its playbook in order (the days of each stay as a bar, the
 * limit it broke, the stages it never reached greyed), its violations and its events, each
 * linked to its line. Pure (no DOM, no `vscode`), so the unit tests use the same code; every
 * text from the playbook is escaped. The links carry a range (`data-range`) that the
 * webview's script sends back to reveal.
 */
import { escapeHtml as e } from '../html.js';
import type { ReplayResult, ReplayStage } from '../protocol.js';
import { SIMULATION_STYLE } from '../simulation/style.js';

type Range = ReplayResult['events'][number]['range'];

export const REPLAY_STYLE = `${SIMULATION_STYLE}
table.timeline { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
table.timeline th, table.timeline td { padding: 4px 6px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.25)); text-align: left; vertical-align: top; }
table.timeline thead th { font-weight: 600; color: var(--vscode-descriptionForeground); font-size: .88em; }
table.timeline td.days { text-align: right; white-space: nowrap; }
table.timeline tr.not-reached { color: var(--vscode-disabledForeground, rgba(128,128,128,.8)); }
table.timeline tr.stay.late td.days { color: var(--vscode-editorWarning-foreground, #cca700); font-weight: 600; }
table.timeline .stage-title { display: block; font-size: .9em; color: var(--vscode-descriptionForeground); overflow-wrap: anywhere; }
table.timeline svg.bar { display: block; width: 100%; min-width: 60px; height: 6px; margin-top: 3px; }
table.timeline svg.bar rect { fill: var(--vscode-charts-blue, #3794ff); }
table.timeline tr.stay.late svg.bar rect { fill: var(--vscode-editorWarning-foreground, #cca700); }
.badge { font-size: .78em; border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.45)); border-radius: 8px; padding: 0 6px; margin-left: 4px; color: var(--vscode-descriptionForeground); font-weight: normal; }
ul.violations { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
ul.violations li { border-left: 3px solid var(--vscode-editorError-foreground, #f14c4c); padding: 3px 8px; background: var(--vscode-editorWidget-background, transparent); overflow-wrap: anywhere; }
ul.violations li.warning { border-left-color: var(--vscode-editorWarning-foreground, #cca700); }
ol.events { padding-left: 22px; margin: 4px 0; }
ol.events li { font-family: var(--vscode-editor-font-family); font-size: .92em; }
.outcome { font-size: 1.05em; margin: 4px 0 0; }
`;

export function renderReplay(result: ReplayResult, file: string): string {
    const { replay } = result;
    const heading = `<header><div class="heading"><h1>${link(e(replay.deal), replay.range)}${replay.title ? ` <span class="muted">${e(replay.title)}</span>` : ''}</h1>`
        + `<div class="meta">deal for <span class="code">${e(replay.playbook)}</span> · <span class="file">${e(file)}</span></div>`
        + `<p class="outcome" data-summary>${e(replay.summary)}</p></div></header>`;
    if (replay.outcome === undefined) {
        return `${heading}<div class="banner error">This deal cannot be replayed: fix its playbook first.</div>`;
    }
    return [heading, renderTimeline(result.stages), renderViolations(result), renderEvents(result)].join('\n');
}

function renderTimeline(stages: readonly ReplayStage[]): string {
    const longest = Math.max(1, ...stages.flatMap(stage => stage.visits.map(visit => visit.days)));
    const rows = stages.map(stage => {
        const name = `<th scope="row">${e(stage.name)}${stage.optional ? '<span class="badge">optional</span>' : ''}${stage.title ? `<span class="stage-title">${e(stage.title)}</span>` : ''}</th>`;
        if (stage.visits.length === 0) {
            return `<tr class="not-reached" data-stage="${e(stage.name)}">${name}<td colspan="2">not reached</td><td class="days">—</td></tr>`;
        }
        return stage.visits.map((visit, index) => {
            const late = stage.withinDays !== undefined && visit.days > stage.withinDays;
            const entered = stage.entered[index] ? link(e(visit.entered), stage.entered[index]!) : e(visit.entered);
            const limit = stage.withinDays !== undefined ? ` <span class="muted">/ ${stage.withinDays}</span>` : '';
            // An SVG bar: the page's CSP allows no style attributes.
            const width = Math.max(1, Math.round((visit.days / longest) * 100));
            return `<tr class="stay${late ? ' late' : ''}" data-stage="${e(stage.name)}">${index === 0 ? name : '<th scope="row"></th>'}`
                + `<td>${entered}</td><td>${visit.left !== undefined ? e(visit.left) : '<span class="muted">still there</span>'}</td>`
                + `<td class="days">${visit.days} day${visit.days === 1 ? '' : 's'}${limit}<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true"><rect width="${width}" height="6" rx="1"/></svg></td></tr>`;
        }).join('');
    }).join('');
    return `<h2>Timeline</h2><div class="table-wrap"><table class="timeline"><thead><tr><th>Stage</th><th>Entered</th><th>Left</th><th>Days / limit</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function renderViolations(result: ReplayResult): string {
    const violations = result.replay.violations;
    if (violations.length === 0) return '<h2>Violations <span class="count">0</span></h2><p class="note">The deal followed every rule of its playbook.</p>';
    const items = violations.map(v => `<li class="${v.severity}" data-code="${e(v.code)}"><span class="date">${e(v.date)}</span> <span class="code">${e(v.code)}</span> `
        + `${link(`line ${v.range.start.line + 1}`, v.range)}<div>${e(v.message)}</div></li>`).join('');
    return `<h2>Violations <span class="count">${violations.length}</span></h2><ul class="violations">${items}</ul>`;
}

function renderEvents(result: ReplayResult): string {
    const items = result.events.map(event => `<li>${link(e(event.date), event.range)} ${e(event.text)}</li>`).join('');
    return `<h2>Events <span class="count">${result.events.length}</span></h2><ol class="events">${items}</ol>`;
}

/** A link that reveals `range` in the deal's document. */
function link(html: string, range: Range): string {
    const at = [range.start.line, range.start.character, range.end.line, range.end.character].join(',');
    return `<a href="#" data-range="${at}" title="Go to line ${range.start.line + 1}">${html}</a>`;
}
