/** Shared by the diagram tests: playbook texts in, drawing inputs (model and places) out. */
import { ast, createPlaybookServices, playbookDrawing, validateText } from '@playbook/language';
import type { PlaybookDrawing, SourceRange } from '@playbook/model';
import type { PlaybookModel, StageModel } from '@playbook/model';

/** A workspace of its own per text: the names of one test never meet those of another. */
export async function drawingsOf(text: string): Promise<PlaybookDrawing[]> {
    const { document } = await validateText(createPlaybookServices(), text);
    return document.parseResult.value.elements.filter(ast.isPlaybook).map(playbook => playbookDrawing(playbook));
}

/** The text a range covers. */
export function textAt(text: string, range: SourceRange): string {
    const lines = text.split('\n');
    if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
    return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

export const stage = (name: string, extra: Partial<StageModel> = {}): StageModel => ({ name, optional: false, aliases: [], tasks: [], gates: [], ...extra });

export function playbookOf(stages: StageModel[], extra: Partial<PlaybookModel> = {}): PlaybookModel {
    return { name: 'P', forbidRegressions: false, fields: [], stages, terminations: [], ...extra };
}
