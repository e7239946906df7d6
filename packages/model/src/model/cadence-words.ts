/**
 * How often a stage's deals are followed up, in a few words for a picture of the pipeline
 * (the diagram's stage cards, the Mermaid flowchart): "follow-up every 7 days", or with
 * rules that depend on a field (A customers weekly, B every two weeks) the range,
 * "follow-up every 7–14 days". The handbook and hover say each rule in full.
 */
import type { PlaybookModel, StageModel } from './playbook-model.js';

/** `undefined` when no cadence rule applies in the stage. */
export function stageFollowUpWords(playbook: PlaybookModel, stage: StageModel): string | undefined {
    const gaps = (playbook.cadences ?? [])
        .filter(rule => rule.stages.length === 0 || rule.stages.includes(stage.name))
        .map(rule => rule.everyDays);
    if (gaps.length === 0) return undefined;
    const shortest = Math.min(...gaps), longest = Math.max(...gaps);
    const unit = longest === 1 ? 'day' : 'days';
    return shortest === longest ? `follow-up every ${shortest} ${unit}` : `follow-up every ${shortest}–${longest} ${unit}`;
}
