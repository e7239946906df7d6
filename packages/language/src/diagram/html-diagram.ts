/**
 * The pipeline diagram as HTML, drawn from the plain model (no Mermaid, nothing remote):
 * stages left to right in declaration order, optional stages dashed, each stage with its
 * tasks and its gate(s), then the rules by which a deal ends. Drawn the same in the VS Code
 * extension's diagram panel and in the playground page. Pure (it imports nothing at run
 * time), so that a client bundles it without the language; every playbook text is escaped.
 * Its style reads VS Code's theme variables, each with a fallback for other pages.
 */
import type { ExpressionModel, PlaybookModel, StageModel, TerminationModel } from '../model/playbook-model.js';

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"'`]/g, c => `&#${c.charCodeAt(0)};`);
}

const e = escapeHtml;

export type FormatExpression = (expression: ExpressionModel) => string;

export interface DiagramProblem { line: number; message: string }

export function renderDiagramHtml(playbooks: readonly PlaybookModel[], format: FormatExpression, problems: readonly DiagramProblem[] = []): string {
    const parts: string[] = [];
    if (problems.length > 0) {
        parts.push(`<div class="problems" role="status">${problems.length} syntax error${problems.length === 1 ? '' : 's'}: the diagram shows what could be read.`
            + `<ul>${problems.slice(0, 5).map(p => `<li>line ${p.line}: ${e(p.message)}</li>`).join('')}</ul></div>`);
    }
    if (playbooks.length === 0) {
        parts.push('<p class="empty">This file declares no playbook.</p>');
    }
    for (const playbook of playbooks) {
        parts.push(renderPlaybook(playbook, format));
    }
    return parts.join('\n');
}

function renderPlaybook(playbook: PlaybookModel, format: FormatExpression): string {
    const heading = `<h2><span class="kw">playbook</span> ${e(playbook.name)}${playbook.title ? ` <span class="title">${e(playbook.title)}</span>` : ''}`
        + `${playbook.version ? ` <span class="badge">v${e(playbook.version)}</span>` : ''}`
        + `${playbook.forbidRegressions ? ' <span class="badge">no regressions</span>' : ''}</h2>`;
    const stages = playbook.stages.map((stage, index) => renderStage(stage, index, format));
    const flow = stages.length === 0
        ? '<p class="empty">No stages yet.</p>'
        : `<ol class="flow">${stages.join('<li class="arrow" aria-hidden="true">→</li>')}<li class="arrow" aria-hidden="true">→</li><li class="won">Won</li></ol>`;
    return `<section class="playbook" data-playbook="${e(playbook.name)}">${heading}${flow}${renderTerminations(playbook.terminations, format)}</section>`;
}

function renderStage(stage: StageModel, index: number, format: FormatExpression): string {
    const facts: string[] = [];
    if (stage.probability !== undefined) facts.push(`${stage.probability}%`);
    if (stage.withinDays !== undefined) facts.push(`within ${stage.withinDays} days`);
    const tasks = stage.tasks.length === 0 ? '' : `<ul class="tasks">${stage.tasks.map(task =>
        `<li class="task${task.required ? ' required' : ''}" title="${e(task.title ?? task.name)}">${task.required ? '<span class="req" title="required">●</span> ' : '<span class="opt">○</span> '}`
        + `${e(task.name)}${task.owner ? ` <span class="owner">${e(task.owner)}</span>` : ''}</li>`).join('')}</ul>`;
    const gates = stage.gates.map(gate => {
        const items = [
            ...gate.requires.map(name => `<li><span class="kw">requires</span> ${e(name)}</li>`),
            ...gate.when.map(condition => `<li><span class="kw">when</span> <code>${e(format(condition))}</code></li>`)
        ];
        return `<div class="gate"><div class="gate-name"><span class="gate-label">gate</span> ${e(gate.name)}${gate.title ? ` <span class="title">${e(gate.title)}</span>` : ''}</div>`
            + `${items.length ? `<ul>${items.join('')}</ul>` : ''}</div>`;
    }).join('');
    return `<li class="stage${stage.optional ? ' optional' : ''}" data-stage="${e(stage.name)}">`
        + `<div class="stage-head"><span class="index">${index + 1}</span> <span class="stage-name">${e(stage.name)}</span>`
        + `${stage.optional ? ' <span class="badge optional-badge">optional</span>' : ''}</div>`
        + `${stage.title ? `<div class="title">${e(stage.title)}</div>` : ''}`
        + `${facts.length ? `<div class="facts">${e(facts.join(' · '))}</div>` : ''}`
        + `${stage.aliases.length ? `<div class="aliases">aka ${e(stage.aliases.join(', '))}</div>` : ''}`
        + tasks + gates + '</li>';
}

function renderTerminations(rules: readonly TerminationModel[], format: FormatExpression): string {
    if (rules.length === 0) {
        return '';
    }
    const rows = rules.map(rule => `<tr><td class="outcome">${e(rule.outcome)}</td><td>${e(rule.reason)}</td>`
        + `<td>${rule.when ? `<span class="kw">when</span> <code>${e(format(rule.when))}</code>` : '<span class="muted">by hand</span>'}</td>`
        + `<td>${rule.from.length ? `<span class="kw">from</span> ${e(rule.from.join(', '))}` : '<span class="muted">any stage</span>'}</td></tr>`).join('');
    return `<h3>Ends</h3><table class="terminations"><thead><tr><th>Outcome</th><th>Reason</th><th>Fires</th><th>Stages</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export const DIAGRAM_STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 12px 24px; }
h2 { font-size: 1.25em; margin: 18px 0 10px; } h3 { font-size: 1.05em; margin: 16px 0 6px; }
.kw { color: var(--vscode-symbolIcon-keywordForeground, #c586c0); font-weight: 600; }
.title { color: var(--vscode-descriptionForeground); font-weight: normal; }
.badge { font-size: .75em; border: 1px solid var(--vscode-contrastBorder, #888); border-radius: 8px; padding: 0 6px; margin-left: 4px; color: var(--vscode-descriptionForeground); }
.flow { display: flex; flex-wrap: wrap; align-items: flex-start; list-style: none; padding: 0; margin: 0; gap: 6px; }
.stage { min-width: 150px; max-width: 230px; border: 2px solid var(--vscode-focusBorder, #0078d4); border-radius: 8px; padding: 8px; background: var(--vscode-editorWidget-background, rgba(127,127,127,.08)); }
.stage.optional { border-style: dashed; opacity: .9; }
.stage-head { font-weight: 600; } .stage-name { font-size: 1.05em; }
.index { display: inline-block; min-width: 1.4em; text-align: center; border-radius: 50%; background: var(--vscode-badge-background, #555); color: var(--vscode-badge-foreground, #fff); font-size: .8em; }
.optional-badge { border-style: dashed; }
.facts, .aliases { font-size: .85em; color: var(--vscode-descriptionForeground); margin-top: 2px; }
.tasks { list-style: none; padding: 0; margin: 6px 0; font-size: .9em; }
.task .owner { font-size: .8em; color: var(--vscode-descriptionForeground); }
.req { color: var(--vscode-charts-orange, #d18616); } .opt { color: var(--vscode-descriptionForeground); }
.gate { border-top: 1px dotted var(--vscode-contrastBorder, #888); margin-top: 6px; padding-top: 4px; font-size: .88em; }
.gate-label { font-size: .75em; text-transform: uppercase; letter-spacing: .05em; color: var(--vscode-descriptionForeground); }
.gate ul { list-style: none; padding-left: 8px; margin: 2px 0; }
code { font-family: var(--vscode-editor-font-family); font-size: .95em; overflow-wrap: anywhere; }
.arrow { align-self: center; font-size: 1.4em; color: var(--vscode-descriptionForeground); }
.won { align-self: center; border: 2px solid var(--vscode-charts-green, #388a34); border-radius: 16px; padding: 6px 12px; font-weight: 600; }
.terminations { border-collapse: collapse; font-size: .9em; } .terminations td, .terminations th { border-bottom: 1px solid var(--vscode-panel-border, #8884); padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
.outcome { font-weight: 600; color: var(--vscode-charts-red, #c72e0f); } .muted { color: var(--vscode-descriptionForeground); }
.problems { border-left: 3px solid var(--vscode-editorError-foreground, #f14c4c); padding: 4px 8px; margin: 10px 0; }
.empty { color: var(--vscode-descriptionForeground); }
`;
