/**
 * `playbook calibrate --write`: the suggested edits applied to the .playbook file, as small
 * edits of its text laid out by the formatter (see `insertCalibrationEdits`), and written only
 * when the result is sure:
 *  - the file has no errors (a deal's violations, a record of what happened, do not count);
 *  - the edited text parses and the formatter lays it out, changing only white space;
 *  - the result checks as cleanly as the file did: no error, and no more warnings of any
 *    code than before (a probability that would fall from stage to stage is refused);
 *  - the file has not changed since it was read.
 * Otherwise nothing is written and the reason is given. The edited texts are checked with the
 * main bundle's parser (the workspace loader), with the same files beside.
 */
import { insertCalibrationEdits, layOutEditedStages, type ast, type PlaybookDiagnostic } from '@playbook/language';
import { DEAL_VIOLATION_CODES, encodeTextFile, type CalibrationSuggestion } from '@playbook/model';
import { createTwoFilesPatch } from 'diff';
import { AstUtils } from '../diagnostics/syntax-trees.js';
import { loadWorkspace as loadFiles } from '../diagnostics/workspace.js';
import { readTextFile } from '../files/read-text-file.js';
import { writeFileAtomically } from '../files/write-output.js';
import type { Workspace } from '../simulate/workspace.js';

export interface WriteResult {
    /** Whether the file was written. */
    written: boolean;
    /** The file edited, as outputs name it. */
    file: string;
    /** The unified diff of the edit (empty when there is nothing to change). */
    diff: string;
    applied: CalibrationSuggestion[];
    skipped: Array<{ suggestion: CalibrationSuggestion; why: string }>;
    /** Why nothing was written, when the edit was refused. */
    refused?: string;
    /** The findings that made it refuse: the file's errors, or what the edited text would have. */
    problems: PlaybookDiagnostic[];
}

export async function writeCalibration(workspace: Workspace, playbook: ast.Playbook, suggestions: readonly CalibrationSuggestion[], cwd: string): Promise<WriteResult> {
    const target = workspace.target;
    const file = target.source.shownAs;
    const refuse = (refused: string, problems: PlaybookDiagnostic[] = [], applied: CalibrationSuggestion[] = []): WriteResult =>
        ({ written: false, file, diff: '', applied, skipped: [], refused, problems });

    if (AstUtils.getDocument(playbook) !== target.document) {
        return refuse(`playbook ${playbook.name} is declared in another file; --write edits the file named, so run calibrate on the file that declares it`);
    }
    const before = target.diagnostics.filter(isFileFinding);
    const errors = before.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        return refuse(`${file} has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}: fix ${errors.length === 1 ? 'it' : 'them'} first (they are what 'playbook check ${file}' reports)`, errors);
    }
    if (suggestions.length === 0) {
        return { written: false, file, diff: '', applied: [], skipped: [], problems: [] };
    }
    const text = target.source.text;
    const inserted = insertCalibrationEdits(playbook, text, suggestions);
    const request = { files: [target.source.path], cwd };

    const edited = (await loadFiles({ ...request, texts: new Map([[target.source.path, inserted.text]]) })).files[0];
    const laidOut = layOutEditedStages(inserted.text, edited.document.parseResult, playbook.name, inserted.stages);
    if (laidOut === undefined) {
        return refuse('the formatter cannot lay out the edited text for sure, so nothing is written', [], inserted.applied);
    }
    const checked = (await loadFiles({ ...request, texts: new Map([[target.source.path, laidOut]]) })).files[0];
    const after = checked.diagnostics.filter(isFileFinding);
    const newErrors = after.filter(d => d.severity === 'error');
    const newWarnings = findingsBeyond(after.filter(d => d.severity === 'warning'), before.filter(d => d.severity === 'warning'));
    if (newErrors.length > 0 || newWarnings.length > 0) {
        const found = [...newErrors, ...newWarnings];
        return {
            ...refuse(`the edited playbook would not check cleanly (${found.map(d => d.code).filter((c, i, all) => all.indexOf(c) === i).join(', ')}), so nothing is written`, found, inserted.applied),
            diff: patch(file, text, laidOut), skipped: inserted.skipped
        };
    }
    const diff = patch(file, text, laidOut);
    const onDisk = await readTextFile(target.source.path, file);
    if (onDisk.text !== text) {
        return { ...refuse(`${file} changed while it was calibrated; run calibrate again`, [], inserted.applied), diff, skipped: inserted.skipped };
    }
    if (laidOut !== text) {
        // In the encoding it was read in: a UTF-16 file stays UTF-16, a byte-order mark stays.
        await writeFileAtomically(target.source.path, encodeTextFile(laidOut, onDisk.encoding, onDisk.bom), cwd);
    }
    return { written: laidOut !== text, file, diff, applied: inserted.applied, skipped: inserted.skipped, problems: [] };
}

/** A finding about the file itself, not a deal's violation (a record of what happened). */
function isFileFinding(diagnostic: PlaybookDiagnostic): boolean {
    return !DEAL_VIOLATION_CODES.has(diagnostic.code);
}

/** The findings of `after` beyond those of `before`, counted per code (lines move with an edit). */
function findingsBeyond(after: readonly PlaybookDiagnostic[], before: readonly PlaybookDiagnostic[]): PlaybookDiagnostic[] {
    const allowed = new Map<string, number>();
    for (const d of before) allowed.set(d.code, (allowed.get(d.code) ?? 0) + 1);
    return after.filter(d => {
        const left = allowed.get(d.code) ?? 0;
        allowed.set(d.code, left - 1);
        return left <= 0;
    });
}

function patch(file: string, before: string, after: string): string {
    return before === after ? '' : createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
}
