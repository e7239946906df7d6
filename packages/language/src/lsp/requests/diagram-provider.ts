/**
 * `playbook/diagram`: the pipelines of a checked document, drawn as the VS Code extension's
 * diagram panel draws them, with the model they were drawn from and the syntax errors that
 * left parts of the text unread.
 */
import { DIAGRAM_STYLE, IssueCodes, renderDiagramHtml } from '@playbook/model';
import type { LangiumDocument } from 'langium';
import { playbookDrawing } from '../../diagram/diagram-places.js';
import * as ast from '../../generated/ast.js';
import type { DiagramResult } from '../protocol/playbook-requests.js';

export interface DiagramProvider {
    /** The diagram of a document that was validated (its diagnostics are known). */
    diagram(document: LangiumDocument): DiagramResult;
}

export class HtmlDiagramProvider implements DiagramProvider {
    diagram(document: LangiumDocument): DiagramResult {
        const root = document.parseResult.value as ast.Document;
        const drawings = (root.elements ?? []).filter(ast.isPlaybook).map(playbookDrawing);
        const problems = (document.diagnostics ?? [])
            .filter(diagnostic => diagnostic.code === IssueCodes.SyntaxError)
            .map(diagnostic => ({ range: diagnostic.range, message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value }));
        const html = renderDiagramHtml(drawings, problems.map(problem => ({ line: problem.range.start.line + 1, message: problem.message })));
        return { html, style: DIAGRAM_STYLE, playbooks: drawings.map(drawing => drawing.playbook), problems };
    }
}
