/**
 * Completion that knows where the cursor is in a sales process:
 * - keywords valid at the cursor (Langium's default, driven by the grammar);
 * - names from the right playbook (the scope provider: in a deal, the playbook it is `for`),
 *   narrowed where the grammar alone is too permissive: a gate's `requires` offers only tasks
 *   of its own stage or an earlier one (a later stage's task cannot be done before leaving this
 *   one, see the `gate-requires-later-task` rule), and a value after `set field =` or a
 *   field's `=` offers only what fits the field's type;
 * - after `terminate Outcome` in a deal, the reasons the playbook declares for that outcome,
 *   as quoted strings (a reason is free text in the grammar, so Langium has nothing to offer);
 * - snippets for the larger constructs an author writes again and again: a stage with a gate,
 *   a gate, a terminate rule and a deal.
 * Every item carries a `detail` that tells declarations apart without opening the file
 * (a stage's position "3 of 7" and title, a task's stage, a field's type...).
 */
import { AstUtils, CstUtils, GrammarAST, GrammarUtils, TextDocument, URI, type AstNode, type LangiumDocument, type AstNodeDescription, type MaybePromise, type ReferenceInfo, type Stream } from 'langium';
import {
    DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem,
    type LangiumServices, type NextFeature
} from 'langium/lsp';
import { CompletionItemKind, CompletionList, InsertTextFormat, type CancellationToken, type CompletionItem, type CompletionParams, type MarkupContent } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { owningPlaybook } from '../../scoping/playbook-scope-provider.js';
import { declarationDetail, declarationOrder, describeDeclaration } from '../hover/declaration-descriptions.js';

/** Completion item kinds per declaration, so that editors show a distinct icon for each. */
const KIND_BY_TYPE: Record<string, CompletionItemKind> = {
    [ast.Playbook.$type]: CompletionItemKind.Module,
    [ast.Stage.$type]: CompletionItemKind.Class,
    [ast.Task.$type]: CompletionItemKind.Method,
    [ast.Gate.$type]: CompletionItemKind.Interface,
    [ast.Field.$type]: CompletionItemKind.Field,
    [ast.EnumValue.$type]: CompletionItemKind.EnumMember,
    [ast.Terminate.$type]: CompletionItemKind.Event,
    [ast.Deal.$type]: CompletionItemKind.Variable
};

export class PlaybookCompletionProvider extends DefaultCompletionProvider {
    private readonly indexManager: LangiumServices['shared']['workspace']['IndexManager'];
    private readonly documents: LangiumServices['shared']['workspace']['LangiumDocuments'];

    constructor(services: LangiumServices) {
        super(services);
        this.indexManager = services.shared.workspace.IndexManager;
        this.documents = services.shared.workspace.LangiumDocuments;
    }

    /**
     * Langium finds the grammar features at the cursor by parsing all the text before it, which
     * on a 5,000-line playbook costs far more than the rest of a completion. The parser state
     * at the cursor depends only on the enclosing top-level element and, inside it, on the
     * enclosing member (stage, field, terminate rule, deal event): members are repetitions of
     * one alternative, so the parser is in the same state at the start of every member. So the
     * parser gets the element's header (`playbook X {`) followed by the text from the start of
     * the last member before the cursor; where that shortcut does not apply (the header, or text
     * before any member), the whole prefix as Langium does.
     */
    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const prefix = this.shortPrefix(document, offset);
        if (prefix === undefined) {
            return super.findFeaturesAt(document, offset);
        }
        return super.findFeaturesAt(TextDocument.create(document.uri, document.languageId, document.version, prefix), prefix.length);
    }

    private shortPrefix(document: TextDocument, offset: number): string | undefined {
        const langiumDocument = this.documents.getDocument(URI.parse(document.uri));
        // Only when the syntax tree is of this very text.
        if (!langiumDocument || langiumDocument.textDocument !== document) {
            return undefined;
        }
        const root = langiumDocument.parseResult.value as ast.Document;
        // Starts, not ends: after a syntax error the tree may end an element or member early,
        // but where one starts the parser was between two of them.
        const element = lastStartingBefore(root.elements ?? [], offset);
        const cst = element?.$cstNode;
        const open = cst ? GrammarUtils.findNodeForKeyword(cst, '{') : undefined;
        if (!element || !cst || !open || offset <= open.end) {
            return undefined;
        }
        const members: AstNode[] = ast.isPlaybook(element) ? [...element.fields, ...element.stages, ...element.terminations] : element.events;
        const member = lastStartingBefore(members.filter(m => m.$cstNode && m.$cstNode.offset >= open.end), offset);
        if (!member) {
            return undefined;
        }
        const text = document.getText();
        return `${text.substring(cst.offset, open.end)} ${text.substring(member.$cstNode!.offset, offset)}`;
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (isTerminateEventReason(next.feature)) {
            return this.completeDeclaredReasons(context, acceptor);
        }
        return super.completionFor(context, next, acceptor);
    }

    /**
     * Narrows what the scope offers. The scope stays permissive on purpose (linking a
     * later-stage task gives a precise error instead of "unknown task"), but completion
     * should only propose what is valid.
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const candidates = super.getReferenceCandidates(refInfo, context);
        const container = refInfo.container;
        if (ast.isGate(container) && refInfo.property === 'requires') {
            const stage = container.$container;
            const stages = stage?.$container?.stages ?? [];
            const limit = stages.indexOf(stage);
            const allowed = new Set(stages.slice(0, limit + 1));
            return candidates.filter(candidate => {
                const task = candidate.node;
                return !ast.isTask(task) || limit < 0 || allowed.has(task.$container);
            });
        }
        const field = valueOwnerField(context, container);
        if (field && ast.isEnumValueReference(container)) {
            // A bool or number field takes no enum value; an enum field only its own values
            // (the scope already narrows those; this covers fields of another type).
            return ast.isEnumType(field.type) ? candidates : candidates.filter(() => false);
        }
        return candidates;
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        if (!node) {
            // A playbook of another file that is not loaded: the index still knows its name.
            return { ...item, kind: KIND_BY_TYPE[description.type] ?? CompletionItemKind.Reference, detail: description.type.toLowerCase() };
        }
        const documentation: MarkupContent | undefined = describeMarkdown(node);
        return {
            ...item,
            kind: KIND_BY_TYPE[node.$type] ?? CompletionItemKind.Reference,
            detail: declarationDetail(node),
            ...(documentation ? { documentation } : {}),
            // Declaration order is the order of the process: stage 1 before stage 2.
            sortText: `0${String(declarationOrder(node)).padStart(5, '0')}`
        };
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.keywordFitsValue(context, keyword)) {
            return;
        }
        super.completionForKeyword(context, keyword, acceptor);
        this.completeSnippets(context, keyword, acceptor);
    }

    /** `true`/`false` only where a bool is expected: after `set grade =` they would be type errors. */
    private keywordFitsValue(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        if (keyword.value !== 'true' && keyword.value !== 'false') {
            return true;
        }
        const field = valueOwnerField(context, context.node);
        const kind = field?.type && ast.isPrimitiveType(field.type) ? field.type.kind : undefined;
        return !field || !field.type || kind === 'bool';
    }

    /**
     * A reason being typed is an unterminated string, which the lexer rejects, so the grammar-driven
     * contexts never reach the `reason` feature: recognise `<date> terminate <Outcome> "partial` on
     * the cursor's line directly.
     */
    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const position = params.position;
        const line = document.textDocument.getText({ start: { line: position.line, character: 0 }, end: position });
        const partial = /\bterminate\s+([^\s"]+)\s+("(?:[^"\\]|\\.)*)$/u.exec(line);
        if (partial) {
            const offset = document.textDocument.offsetAt(position);
            const root = document.parseResult.value.$cstNode;
            const leaf = root ? CstUtils.findLeafNodeBeforeOffset(root, offset - partial[2].length) : undefined;
            const deal = AstUtils.getContainerOfType(leaf?.astNode, ast.isDeal);
            const playbook = deal?.playbook?.ref;
            if (deal && playbook) {
                const rest = document.textDocument.getText({ start: position, end: { line: position.line + 1, character: 0 } });
                const closing = /^(?:[^"\\\r\n]|\\.)*"/u.exec(rest)?.[0].length ?? 0;
                const range = {
                    start: { line: position.line, character: position.character - partial[2].length },
                    end: { line: position.line, character: position.character + closing }
                };
                const items = this.declaredReasons(playbook, partial[1])
                    .filter(item => this.fuzzyMatcher.match(partial[2].slice(1), item.reason))
                    .map(({ reason, ...item }): CompletionItem => ({ ...item, filterText: item.label, textEdit: { range, newText: item.label } }));
                return CompletionList.create(items, true);
            }
        }
        return super.getCompletion(document, params, cancelToken);
    }

    /** After `terminate Lost` in a deal: the reasons declared for `Lost`, quoted. */
    private completeDeclaredReasons(context: CompletionContext, acceptor: CompletionAcceptor): void {
        const event = AstUtils.getContainerOfType(context.node, ast.isTerminateEvent);
        const outcome = event?.outcome?.$refText;
        const playbook = event ? owningPlaybook(event) : undefined;
        if (!outcome || !playbook) {
            return;
        }
        const text = context.textDocument.getText();
        // Inside an existing "reason": replace the whole string, not just up to the cursor.
        const inString = text[context.tokenOffset] === '"';
        for (const { reason, ...item } of this.declaredReasons(playbook, outcome)) {
            if (inString) {
                const typed = text.substring(context.tokenOffset + 1, context.offset);
                if (!this.fuzzyMatcher.match(typed, reason)) continue;
                const range = { start: context.textDocument.positionAt(context.tokenOffset), end: context.textDocument.positionAt(context.tokenEndOffset) };
                acceptor(context, { ...item, textEdit: { range, newText: item.label } });
            } else {
                acceptor(context, item);
            }
        }
    }

    private declaredReasons(playbook: ast.Playbook, outcome: string): Array<CompletionItem & { reason: string }> {
        return playbook.terminations
            .filter(rule => rule.name === outcome && rule.reason !== undefined)
            .map((rule, index) => ({
                reason: rule.reason,
                label: quoteReason(rule.reason),
                kind: CompletionItemKind.Value,
                detail: `Reason for ${outcome} · ${rule.conditions.length > 0 ? 'also automatic' : 'by hand'}${rule.from.length > 0 ? ` · only from ${rule.from.map(s => s.$refText).join(', ')}` : ''}`,
                sortText: `0${String(index).padStart(5, '0')}`
            }));
    }

    /** Snippets hang off the keyword that starts the construct, so they appear exactly where it is valid. */
    private completeSnippets(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): void {
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
        const snippet = (label: string, detail: string, body: string): void => {
            acceptor(context, {
                label,
                kind: CompletionItemKind.Snippet,
                detail,
                insertText: body,
                insertTextFormat: InsertTextFormat.Snippet,
                // After the keyword and the names: a snippet is the slower, bigger choice.
                sortText: '2'
            });
        };
        if (keyword.value === 'stage' && rule === ast.Stage.$type) {
            snippet('stage', 'New stage with a task and a gate', stageSnippet());
        } else if (keyword.value === 'gate' && rule === ast.Gate.$type) {
            snippet('gate', 'New gate (exit criteria of this stage)', this.gateSnippet(context));
        } else if (keyword.value === 'terminate' && rule === ast.Terminate.$type) {
            snippet('terminate', 'New terminate rule (how a deal can end)', terminateSnippet(context));
        } else if (keyword.value === 'deal' && rule === ast.Deal.$type) {
            snippet('deal', 'New deal replayed against a playbook', this.dealSnippet(context));
        }
    }

    /** A gate requiring one of the tasks it may require: this stage's or an earlier one's. */
    private gateSnippet(context: CompletionContext): string {
        const stage = AstUtils.getContainerOfType(context.node, ast.isStage);
        const playbook = stage?.$container;
        const tasks = playbook ? playbook.stages.slice(0, playbook.stages.indexOf(stage) + 1).flatMap(s => s.tasks).map(t => t.name).filter(Boolean) : [];
        // The stage's own tasks first: the likeliest requirement.
        const ordered = [...tasks].reverse();
        const requires = ordered.length > 0 ? choice(3, ordered) : '${3:Task}';
        return [
            'gate ${1:Name} "${2:What must be true to move on}" {',
            `  requires ${requires}`,
            '  when ${4:condition}',
            '}$0'
        ].join('\n');
    }

    /** A deal for a playbook of the workspace, starting in its first stage today. */
    private dealSnippet(context: CompletionContext): string {
        const local = (context.document.parseResult.value as ast.Document).elements?.filter(ast.isPlaybook) ?? [];
        const indexed = this.indexManager.allElements(ast.Playbook.$type).toArray();
        const names = [...new Set([...local.map(p => p.name), ...indexed.map(d => d.name)].filter(Boolean))];
        // The first stage of the playbook offered first: this file's own, else one of the workspace.
        const playbook = local[0] ?? indexed.map(d => d.node).find(ast.isPlaybook);
        const firstStage = playbook?.stages[0]?.name;
        const today = new Date().toISOString().slice(0, 10);
        return [
            `deal \${1:Name} for ${names.length > 0 ? choice(2, names) : '${2:Playbook}'} {`,
            `  \${3:${today}} enter ${firstStage ? `\${4:${escapeSnippet(firstStage)}}` : '${4:Stage}'}`,
            '  $0',
            '}'
        ].join('\n');
    }
}

function stageSnippet(): string {
    return [
        'stage ${1:Name} "${2:Title}" {',
        '  probability ${3:50}%',
        '  within ${4:30} days',
        '  task ${5:Task} "${6:What must be done}" required',
        '  gate ${1}Done {',
        '    requires ${5}',
        '  }',
        '}$0'
    ].join('\n');
}

function terminateSnippet(context: CompletionContext): string {
    const playbook = AstUtils.getContainerOfType(context.node, ast.isPlaybook);
    const outcomes = [...new Set(playbook?.terminations.map(t => t.name).filter(Boolean) ?? [])];
    const outcome = outcomes.length > 0 ? choice(1, [...outcomes, 'Lost']) : '${1:Lost}';
    return `terminate ${outcome} "\${2:Reason}"$0`;
}

/** A choice placeholder; duplicates removed, since editors show each option once anyway. */
function choice(index: number, options: string[]): string {
    const unique = [...new Set(options)].map(o => o.replace(/[\\|,$}]/g, m => `\\${m}`));
    return `\${${index}|${unique.join(',')}|}`;
}

function escapeSnippet(text: string): string {
    return text.replace(/[\\$}]/g, m => `\\${m}`);
}

function quoteReason(reason: string): string {
    return `"${reason.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function describeMarkdown(node: AstNode): MarkupContent | undefined {
    const value = describeDeclaration(node);
    return value ? { kind: 'markdown', value } : undefined;
}

/**
 * The field a value is being written for: the `set` event's field, or the field whose
 * default follows `=`. Undefined elsewhere (conditions compare with anything).
 */
function valueOwnerField(context: CompletionContext, node: unknown): ast.Field | undefined {
    const start = (node && typeof node === 'object' && '$type' in node ? node : context.node) as AstNode | undefined;
    const set = AstUtils.getContainerOfType(start, ast.isSetEvent);
    if (set) {
        return set.field?.ref;
    }
    const field = AstUtils.getContainerOfType(start, ast.isField);
    // Only after the field's `=`: before it, the cursor is at the type, not the default.
    if (field?.$cstNode) {
        const equals = field.$cstNode.text.indexOf('=');
        if (equals >= 0 && context.offset > field.$cstNode.offset + equals) {
            return field;
        }
    }
    return undefined;
}

/** The node whose text starts last before `offset`. */
function lastStartingBefore<T extends AstNode>(nodes: readonly T[], offset: number): T | undefined {
    let best: T | undefined;
    for (const node of nodes) {
        const start = node.$cstNode?.offset;
        if (start !== undefined && start < offset && (!best || start > best.$cstNode!.offset)) {
            best = node;
        }
    }
    return best;
}

function isTerminateEventReason(feature: GrammarAST.AbstractElement): boolean {
    const assignment = AstUtils.getContainerOfType(feature, GrammarAST.isAssignment);
    const rule = AstUtils.getContainerOfType(feature, GrammarAST.isParserRule);
    return assignment?.feature === 'reason' && rule?.name === ast.TerminateEvent.$type;
}
