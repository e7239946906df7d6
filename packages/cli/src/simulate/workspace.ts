/**
 * The .playbook file named on the command line, read with the .playbook files beside it (as
 * `check` reads them, so a file of deals finds its playbook in a sibling file), parsed,
 * linked and validated as one workspace; and what `simulate` takes from it: the playbook to
 * replay CRM deals against, or the deals written in the files.
 *
 * Errors that make the model say something other than the text (syntax, unresolved or
 * duplicate names, type errors in conditions) stop the simulation; the deals' own violations
 * (also errors for `check`) are what the simulation is there to report, so they do not.
 */
import type { ast, PlaybookDiagnostic } from '@playbook/language';
import { AstUtils, dealToModel, GrammarUtils, playbookToModel } from '../diagnostics/syntax-trees.js';
import { IssueCodes, type DealModel, type PlaybookModel } from '@playbook/model';
import type { AstNode, LangiumDocument } from 'langium';
import * as path from 'node:path';
import { compareDiagnostics } from '../diagnostics/sort.js';
import type { ValidatedSource } from '../diagnostics/validate.js';
import { loadWorkspace as loadFiles } from '../diagnostics/workspace.js';
import { CliError } from '../errors.js';

export type WorkspaceFile = ValidatedSource;

export interface Workspace {
    /** The file named on the command line. */
    target: WorkspaceFile;
    /** It first, then its siblings (sorted by path). */
    files: WorkspaceFile[];
}

/** A deal written in a .playbook file, ready to replay. */
export interface FileDeal {
    node: ast.Deal;
    model: DealModel;
    playbook: PlaybookModel;
    file: WorkspaceFile;
    /** 1-based line of `deal …`. */
    line: number;
    /** Where each of `model.events` is written: where `check` reports a violation of it (1-based). */
    position(eventIndex: number, code: string, message: string): { line: number; column: number } | undefined;
}

/** Not Playbook syntax, or names and types that do not mean what the text seems to say. */
const BLOCKING = new Set<string>([
    IssueCodes.SyntaxError, IssueCodes.UnresolvedReference, IssueCodes.DuplicateName, IssueCodes.TypeMismatch, IssueCodes.ConditionNotBoolean
]);

/** `fileDeals`: the deals beside the file are read when it has none (for `playbook`, when given). */
export async function loadWorkspace(file: string, cwd: string, playbook: string | undefined, fileDeals: boolean): Promise<Workspace> {
    const absolute = path.resolve(cwd, file);
    const { files, notes } = await loadFiles({
        files: [absolute], cwd, playbooks: playbook === undefined ? [] : [playbook], dealsBeside: fileDeals ? 'when-none' : 'never'
    });
    for (const note of notes) {
        process.stderr.write(`playbook: ${note}\n`);
    }
    return { target: files[0], files };
}

export function playbooksOf(file: WorkspaceFile): ast.Playbook[] {
    return file.document.parseResult.value.elements.filter((element): element is ast.Playbook => element.$type === 'Playbook');
}

function dealsOf(file: WorkspaceFile): ast.Deal[] {
    return file.document.parseResult.value.elements.filter((element): element is ast.Deal => element.$type === 'Deal');
}

/**
 * The playbook that deals from a CRM export are replayed against: the one the file declares,
 * or the one `--playbook` names (in the file, else in a file beside it).
 */
export function choosePlaybook(workspace: Workspace, name: string | undefined): ast.Playbook {
    const declared = playbooksOf(workspace.target);
    const shown = workspace.target.source.shownAs;
    if (name !== undefined) {
        const found = declared.find(p => p.name === name)
            ?? workspace.files.slice(1).flatMap(playbooksOf).find(p => p.name === name);
        if (!found) {
            throw unknownPlaybook(workspace, name);
        }
        return found;
    }
    if (declared.length === 1) {
        return declared[0];
    }
    if (declared.length === 0) {
        throw new CliError(`'${shown}' declares no playbook to replay the deals against; name the file that declares it, or pick one with --playbook <name>`);
    }
    throw new CliError(`'${shown}' declares ${declared.length} playbooks (${declared.map(p => p.name).join(', ')}); pick one with --playbook <name>`);
}

/**
 * The deals to replay without `--deals`: those written in the file, or, when it has none, the
 * deals in the files beside it that follow its playbooks. `--playbook` keeps one playbook's.
 */
export function fileDeals(workspace: Workspace, playbookName: string | undefined): ast.Deal[] {
    const follows = (deal: ast.Deal): boolean => playbookName === undefined || (deal.playbook.ref?.name ?? deal.playbook.$refText) === playbookName;
    if (playbookName !== undefined && !workspace.files.some(file => playbooksOf(file).some(p => p.name === playbookName))) {
        throw unknownPlaybook(workspace, playbookName);
    }
    const own = dealsOf(workspace.target).filter(follows);
    if (own.length > 0) {
        return own;
    }
    const targetPlaybooks = new Set<ast.Playbook>(playbooksOf(workspace.target));
    const beside = workspace.files.slice(1).flatMap(dealsOf)
        .filter(deal => follows(deal) && (playbookName !== undefined || (deal.playbook.ref !== undefined && targetPlaybooks.has(deal.playbook.ref))));
    if (beside.length > 0) {
        return beside;
    }
    const shown = workspace.target.source.shownAs;
    if (playbookName !== undefined) {
        throw new CliError(`no deals follow playbook ${playbookName} in '${shown}' or the .playbook files beside it`);
    }
    if (targetPlaybooks.size === 0 && dealsOf(workspace.target).length === 0) {
        throw new CliError(`'${shown}' declares no playbook and no deals; there is nothing to simulate`);
    }
    throw new CliError(`no deals to simulate: '${shown}' has none, and no .playbook file beside it has deals for ${[...targetPlaybooks].map(p => p.name).join(', ')}; `
        + `to replay deals from a CRM export, add --deals <file.csv|file.json>`);
}

function unknownPlaybook(workspace: Workspace, name: string): CliError {
    const inTarget = playbooksOf(workspace.target).map(p => p.name);
    const known = inTarget.length > 0 ? inTarget : workspace.files.flatMap(playbooksOf).map(p => p.name);
    const shown = workspace.target.source.shownAs;
    const where = inTarget.length > 0 ? `it declares ${known.join(', ')}` : known.length > 0 ? `the files beside it declare ${known.join(', ')}` : 'it declares none';
    return new CliError(`no playbook named '${name}' in '${shown}'; ${where}`);
}

/** The deals as the engine takes them, each with its playbook's model and where it is written. */
export function toFileDeals(workspace: Workspace, deals: readonly ast.Deal[]): FileDeal[] {
    const fileOf = new Map<LangiumDocument, WorkspaceFile>(workspace.files.map(file => [file.document, file]));
    return deals.map(node => {
        const file = fileOf.get(AstUtils.getDocument(node)) ?? workspace.target;
        const { model, eventNodes } = dealToModel(node);
        return {
            node,
            model,
            // Blocking errors (an unresolved playbook among them) were ruled out before this.
            playbook: playbookToModel(node.playbook.ref!),
            file,
            line: (node.$cstNode?.range.start.line ?? 0) + 1,
            position(eventIndex, code, message) {
                if (code === IssueCodes.FollowUpMissing) {
                    // A follow-up that never came is the deal's, as `check` reports it: at its name.
                    const name = node.$cstNode && GrammarUtils.findNodeForProperty(node.$cstNode, 'name');
                    if (name) return { line: name.range.start.line + 1, column: name.range.start.character + 1 };
                }
                const event = eventNodes[eventIndex]?.$cstNode;
                if (!event) {
                    return undefined;
                }
                // Where `check` reports this very violation, so both commands point at the same place.
                const within = toRange(event.range);
                const reported = file.diagnostics.find(d => d.code === code && d.message === message && contains(within, d));
                return reported ? { line: reported.line, column: reported.column } : { line: within.line, column: within.column };
            }
        };
    });
}

/**
 * The errors that stop a simulation using these nodes: syntax errors in the file named and in
 * the files of the nodes, and unresolved or duplicate names and type errors within the nodes.
 */
export function blockingErrors(workspace: Workspace, nodes: readonly AstNode[]): PlaybookDiagnostic[] {
    const ranges = new Map<LangiumDocument, Span[]>();
    ranges.set(workspace.target.document, []);
    for (const node of nodes) {
        const document = AstUtils.getDocument(node);
        const list = ranges.get(document) ?? [];
        if (node.$cstNode) list.push(toRange(node.$cstNode.range));
        ranges.set(document, list);
    }
    const errors: PlaybookDiagnostic[] = [];
    for (const file of workspace.files) {
        const within = ranges.get(file.document);
        if (!within) continue;
        for (const diagnostic of file.diagnostics) {
            if (diagnostic.severity !== 'error' || !BLOCKING.has(diagnostic.code)) continue;
            if (diagnostic.code === IssueCodes.SyntaxError || within.some(span => contains(span, diagnostic))) {
                errors.push(diagnostic);
            }
        }
    }
    return errors.sort(compareDiagnostics);
}

/** A stretch of text in 1-based lines and columns, as diagnostics give theirs. */
interface Span { line: number; column: number; endLine: number; endColumn: number }

function toRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Span {
    return { line: range.start.line + 1, column: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

function contains(outer: Span, inner: Span): boolean {
    const notAfter = (line: number, column: number, endLine: number, endColumn: number): boolean => line < endLine || (line === endLine && column <= endColumn);
    return notAfter(outer.line, outer.column, inner.line, inner.column) && notAfter(inner.endLine, inner.endColumn, outer.endLine, outer.endColumn);
}
