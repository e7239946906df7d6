/**
 * Rename that refuses what would break the file: a new name that is not a name (empty, with
 * a space, a keyword such as `stage`: whatever the grammar's lexer does not read as one ID
 * token), and a name another declaration of the same kind already has where the renamed one
 * is visible (a second task `CollectInfo` in the playbook, a second playbook of the
 * workspace). The refusal is an LSP error (RequestFailed) whose message says why; VS Code
 * shows it beside the rename box, other editors in their message area, and nothing is written.
 *
 * An outcome is shared by every `terminate` rule of that name: renaming it renames them all,
 * with the deals' events that name it, and an outcome already declared is refused (renaming
 * would merge two outcomes).
 */
import { AstUtils, CstUtils, GrammarUtils, type AstNode, type IndexManager, type LangiumDocument, type Lexer } from 'langium';
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, TextEdit, type CancellationToken, type Position, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';

type Named = AstNode & { name: string };

const KIND_WORDS: Record<string, string> = {
    [ast.Playbook.$type]: 'playbook',
    [ast.Stage.$type]: 'stage',
    [ast.Task.$type]: 'task',
    [ast.Gate.$type]: 'gate',
    [ast.Field.$type]: 'field',
    [ast.EnumValue.$type]: 'enum value',
    [ast.Terminate.$type]: 'outcome',
    [ast.Deal.$type]: 'deal',
    [ast.Activity.$type]: 'activity kind'
};

export class PlaybookRenameProvider extends DefaultRenameProvider {
    private readonly lexer: Lexer;
    private readonly indexManager: IndexManager;

    constructor(services: LangiumServices) {
        super(services);
        this.lexer = services.parser.Lexer;
        this.indexManager = services.shared.workspace.IndexManager;
    }

    override async rename(document: LangiumDocument, params: RenameParams, cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined> {
        const target = this.declarationAt(document, params.position);
        if (!target) {
            return super.rename(document, params, cancelToken);
        }
        const what = `${KIND_WORDS[target.$type] ?? 'name'} '${target.name}'`;
        const invalid = this.whyNotAName(params.newName);
        if (invalid) {
            throw refusal(`Cannot rename ${what} to '${params.newName}': ${invalid}`);
        }
        if (params.newName !== target.name) {
            const taken = this.holderOf(target, params.newName);
            if (taken) {
                throw refusal(`Cannot rename ${what} to '${params.newName}': ${taken}. Choose another name.`);
            }
        }
        return ast.isTerminate(target) ? this.renameOutcome(target, params.newName) : super.rename(document, params, cancelToken);
    }

    /** Why `name` cannot be a name, or undefined if it can: it must lex as exactly one ID token. */
    whyNotAName(name: string): string | undefined {
        if (name.trim() === '') {
            return 'the new name is empty.';
        }
        const { tokens, errors } = this.lexer.tokenize(name);
        if (errors.length === 0 && tokens.length === 1 && tokens[0].image === name) {
            const type = tokens[0].tokenType.name;
            if (type === 'ID') return undefined;
            if (/^[\p{L}_]+$/u.test(name)) return `'${name}' is a keyword of the language.`;
        }
        if (/\s/u.test(name)) {
            return 'a name is one word, without spaces (write hasSpace or has_space).';
        }
        return 'a name starts with a letter or _ and goes on with letters, digits and _.';
    }

    /** The declaration whose name or reference is at `position` (as Langium's rename finds it). */
    private declarationAt(document: LangiumDocument, position: Position): Named | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(position), this.grammarConfig.nameRegexp);
        if (!leaf) return undefined;
        const target = this.references.findDeclarations(leaf)[0];
        return target && typeof (target as Partial<Named>).name === 'string' ? target as Named : undefined;
    }

    /** Where another declaration of the same kind named `name` is visible with `target`, in words; undefined if none. */
    private holderOf(target: Named, name: string): string | undefined {
        const kind = KIND_WORDS[target.$type] ?? 'declaration';
        if (ast.isPlaybook(target) || ast.isDeal(target)) {
            const other = this.indexManager.allElements(target.$type).find(d => d.name === name && d.node !== target);
            return other ? `a ${kind} named '${name}' already exists in ${other.documentUri.path.split('/').pop()}` : undefined;
        }
        const playbook = AstUtils.getContainerOfType(target, ast.isPlaybook);
        if (!playbook) return undefined;
        const same = (nodes: readonly Named[]): Named | undefined => nodes.find(node => node !== target && node.name === name);
        const line = (node: Named): string | undefined => {
            const start = GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range.start.line;
            return start !== undefined ? `line ${start + 1}` : undefined;
        };
        const inPlaybook = (node: Named, what = kind): string =>
            `playbook ${playbook.name} already has ${article(what)} named '${name}' (${[describeWhere(node), line(node)].filter(Boolean).join(', ')})`;
        const enumValues = playbook.fields.flatMap(field => (ast.isEnumType(field.type) ? field.type.values : []));
        let other: Named | undefined;
        switch (target.$type) {
            case ast.Stage.$type:
                other = same(playbook.stages);
                return other && inPlaybook(other);
            case ast.Task.$type:
                other = same(playbook.stages.flatMap(stage => stage.tasks));
                return other && inPlaybook(other);
            case ast.Gate.$type:
                other = same(playbook.stages.flatMap(stage => stage.gates));
                return other && inPlaybook(other);
            case ast.Terminate.$type:
                other = playbook.terminations.find(rule => rule.name === name && rule.name !== target.name);
                return other && `${inPlaybook(other)}: the two outcomes would merge`;
            case ast.EnumValue.$type:
                // Values of one enum are told apart by name; a field of that name would be read instead in a condition.
                other = same((target as ast.EnumValue).$container.values) ?? same(playbook.fields);
                return other && inPlaybook(other, KIND_WORDS[other.$type]);
            case ast.Activity.$type:
                other = same(playbook.activities);
                return other && inPlaybook(other);
            case ast.Field.$type:
                other = same(playbook.fields);
                if (other) return inPlaybook(other);
                // In a condition (`grade = A`) a name that is both is read as the field.
                other = same(enumValues);
                return other && `${inPlaybook(other, 'enum value')}, and a condition naming it would then mean the field`;
            default:
                return undefined;
        }
    }

    /** Every rule of the outcome and every deal event naming one of them. */
    private renameOutcome(target: ast.Terminate, newName: string): WorkspaceEdit {
        const rules = target.$container.terminations.filter(rule => rule.name === target.name);
        const changes: Record<string, TextEdit[]> = {};
        const seen = new Set<string>();
        const add = (uri: string, range: TextEdit['range']): void => {
            const key = `${uri}#${range.start.line}:${range.start.character}`;
            if (seen.has(key)) return;
            seen.add(key);
            (changes[uri] ??= []).push(TextEdit.replace(range, newName));
        };
        for (const rule of rules) {
            for (const reference of this.references.findReferences(rule, { includeDeclaration: true })) {
                add(reference.sourceUri.toString(), reference.segment.range);
            }
        }
        return { changes };
    }
}

/** Where a member sits, when its line alone would not say: a task's or gate's stage, an enum value's field. */
function describeWhere(node: Named): string | undefined {
    if (ast.isTask(node) || ast.isGate(node)) return `in stage ${node.$container.name}`;
    if (ast.isEnumValue(node)) return `of field ${node.$container.$container.name}`;
    return undefined;
}

function refusal(message: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

function article(word: string): string {
    return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}
