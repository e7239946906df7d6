/**
 * The code lenses of a document: each deal's replayed result (see `DealCodeLensProvider`) and,
 * when `playbook.simulation.dealsFile` is set and its calibration computed, what the deals of
 * that export did at each stage ("observed: 23% win, 90% leave within 71 days, n = 2,031").
 * A stage's lens is a label (no command): its hover tells more, a quick fix applies a value.
 */
import type { LangiumDocument } from 'langium';
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { PlaybookServices } from '../playbook-module.js';
import { stageLensTitle } from './calibration/calibration-text.js';
import type { StageCalibrations } from './calibration/stage-calibrations.js';
import { DealCodeLensProvider } from './deal-code-lens-provider.js';

export class PlaybookCodeLensProvider extends DealCodeLensProvider {
    constructor(services: PlaybookServices, private readonly calibrations: StageCalibrations) {
        super(services);
    }

    override async provideCodeLens(document: LangiumDocument, _params: CodeLensParams): Promise<CodeLens[]> {
        const lenses = this.dealLenses(document);
        const root = document.parseResult.value as ast.Document;
        for (const playbook of (root.elements ?? []).filter(ast.isPlaybook)) {
            const calibrated = await this.calibrations.calibrationOf(document, playbook.name);
            if (!calibrated) continue;
            for (const stage of playbook.stages) {
                const figures = calibrated.calibration.stages.find(s => s.stage === stage.name);
                if (!figures || !stage.$cstNode) continue;
                const line = stage.$cstNode.range.start.line;
                lenses.push({
                    range: { start: { line, character: 0 }, end: { line, character: 0 } },
                    command: { title: stageLensTitle(figures), command: '' }
                });
            }
        }
        return lenses.sort((a, b) => a.range.start.line - b.range.start.line);
    }
}
