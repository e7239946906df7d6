/**
 * The pipeline of a playbook as a Mermaid flowchart: stages left to right, each gate on
 * the edge that leaves its stage, dashed edges that skip optional stages, a Won node
 * after the last stage, and one end node per termination outcome with an edge from every
 * stage its rules apply from. A stage under a follow-up cadence says how often its deals are
 * touched.
 *
 * Node ids are generated (`s0`, `o0`, `won`), never taken from the playbook, and every
 * piece of text goes through `mermaidLabel`, so no name or title can break the diagram.
 */
import { expressionToText } from '../model/expression-text.js';
import { stageFollowUpWords } from '../model/cadence-words.js';
import type { GateModel, PlaybookModel, StageModel } from '../model/playbook-model.js';
import { mermaidLabel, mermaidText } from './mermaid-text.js';

export interface MermaidOptions {
    /** Also write each gate's conditions on its edge (`when budget > 0`). Default: titles only. */
    conditions?: boolean;
}

const WON = 'won';

export function playbookToMermaid(playbook: PlaybookModel, options: MermaidOptions = {}): string {
    const lines = ['flowchart LR'];
    if (playbook.variantOf !== undefined) {
        // A comment, on a line of its own: it names the base without being a label Mermaid parses.
        // Escaped as a label is (a line break, or `style x:#y;`, which Mermaid's preprocessing cuts, are any text's).
        lines.push(`  %% ${mermaidText(playbook.name)}, a variant of ${mermaidText(playbook.variantOf)}, drawn resolved`);
    }
    const stages = playbook.stages;
    stages.forEach((stage, i) => lines.push(`  ${stageId(i)}[${mermaidLabel(stageLabel(playbook, stage))}]`));
    lines.push(`  ${WON}(((${mermaidLabel('Won')})))`);
    const outcomes = [...new Set(playbook.terminations.map(rule => rule.outcome))];
    outcomes.forEach((outcome, i) => lines.push(`  o${i}([${mermaidLabel(outcome)}])`));

    stages.forEach((stage, i) => {
        const label = gateLabel(stage.gates, options);
        // Forward edges: to the next stage, and past each run of optional stages after it.
        for (let next = i + 1; next <= stages.length; next++) {
            const target = next === stages.length ? WON : stageId(next);
            const arrow = next === i + 1 ? '-->' : '-.->';
            lines.push(`  ${stageId(i)} ${arrow}${label ? `|${mermaidLabel(label)}|` : ''} ${target}`);
            if (next < stages.length && !stages[next].optional) break;
        }
    });

    outcomes.forEach((outcome, o) => {
        stages.forEach((stage, i) => {
            const reasons = playbook.terminations
                .filter(rule => rule.outcome === outcome && (rule.from.length === 0 || rule.from.includes(stage.name)))
                .map(rule => (rule.when ? `${rule.reason} (automatic)` : rule.reason));
            if (reasons.length > 0) {
                lines.push(`  ${stageId(i)} --x|${mermaidLabel(reasons.join('; '))}| o${o}`);
            }
        });
    });

    const optional = stages.flatMap((stage, i) => (stage.optional ? [stageId(i)] : []));
    lines.push('  classDef optional stroke-dasharray: 5 5');
    lines.push('  classDef won fill:#d4edda,stroke:#2e7d32');
    lines.push('  classDef ended fill:#eeeeee,stroke:#757575');
    if (optional.length > 0) lines.push(`  class ${optional.join(',')} optional`);
    lines.push(`  class ${WON} won`);
    if (outcomes.length > 0) lines.push(`  class ${outcomes.map((_, i) => `o${i}`).join(',')} ended`);
    return `${lines.join('\n')}\n`;
}

function stageId(index: number): string {
    return `s${index}`;
}

function stageLabel(playbook: PlaybookModel, stage: StageModel): string {
    const title = stage.title ?? stage.name;
    const probability = stage.probability !== undefined ? ` · ${stage.probability}%` : '';
    const followUp = stageFollowUpWords(playbook, stage);
    return `${title}${probability}${stage.optional ? ' (optional)' : ''}${followUp !== undefined ? ` · ${followUp}` : ''}`;
}

function gateLabel(gates: readonly GateModel[], options: MermaidOptions): string {
    return gates.map(gate => {
        const title = gate.title ?? gate.name;
        if (!options.conditions || gate.when.length === 0) return title;
        const conditions = gate.when.map(expressionToText);
        return `${title}: ${conditions.length === 1 ? conditions[0] : conditions.map(c => `(${c})`).join(' and ')}`;
    }).join('; ');
}
