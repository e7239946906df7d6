/**
 * Completion that knows where the cursor is in a sales process:
 * - keywords valid at the cursor (Langium's default, driven by the grammar);
 * - names from the right playbook (the scope provider: in a deal, the playbook it is `for`),
 *   narrowed where the grammar alone is too permissive: a gate's `requires` offers only tasks
 *   of its own stage or an earlier one (a later stage's task cannot be done before leaving this
 *   one, see the `gate-requires-later-task` rule), and a value after `set field =` or a
 *   field's `=` offers only what fits the field's type, and so does a value compared with a
 *   field in a condition (`ok = ` offers `true` and `false`, `grade = ` the values of grade);
 *   a list (`requires A, `, `done A, `, `from A, `, `in {A, `) does not offer again what it holds;
 *   `forecast` offers only money and number fields;
 * - after `terminate Outcome` in a deal, the reasons the playbook declares for that outcome,
 *   as quoted strings (a reason is free text in the grammar, so Langium has nothing to offer);
 * - snippets for the statements an author writes again and again, where the statement may
 *   start (see statement-snippets.ts).
 * Every item carries a `detail` that tells declarations apart without opening the file
 * (a stage's position "3 of 7" and title, a task's stage, a field's type...).
 *
 * Completion opens by itself where a name is expected: after the space that follows
 * `requires`, `enter`, `done`, `from`, `for`, `set`, a comparison…, after `in {` and after a
 * list's comma. Those characters are typed everywhere, so after them only names and values are
 * offered: statement keywords and snippets there would pop up after every space.
 */
import { AstUtils, CstUtils, GrammarAST, GrammarUtils, isReference, TextDocument, URI, type AstNode, type LangiumDocument, type AstNodeDescription, type MaybePromise, type ReferenceInfo, type Stream } from 'langium';
import {
    DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionProviderOptions, type CompletionValueItem,
    type LangiumServices, type NextFeature
} from 'langium/lsp';
import { CompletionItemKind, CompletionList, CompletionTriggerKind, type CancellationToken, type CompletionItem, type CompletionParams, type MarkupContent } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { owningPlaybook } from '../../scoping/playbook-scope-provider.js';
import { resolvePlaybook } from '../../scoping/playbook-variants.js';
import { declarationDetail, declarationOrder, describeDeclaration } from '../hover/declaration-descriptions.js';
import { eventSnippet, snippetItem, statementSnippets } from './statement-snippets.js';
import { comparable, comparedField, fieldKind, valueOwnerField } from './value-positions.js';

/** Characters after which a name is often expected: the editor asks for completion as they are typed. */
export const COMPLETION_TRIGGER_CHARACTERS = [' ', '{', ','];

/** Keywords that are values (or start one): still offered after a trigger character. */
const VALUE_KEYWORDS = new Set(['true', 'false', 'not', 'today']);

export class PlaybookCompletionProvider extends DefaultCompletionProvider {
    override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS };
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
        const members: AstNode[] = ast.isPlaybook(element)
            ? [...element.fields, ...element.stages, ...element.terminations, ...element.outcomeAliases, ...element.drops,
                ...element.activities, ...element.cadences]
            : element.events;
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
        if (isEnterEventDate(next.feature)) {
            const snippet = eventSnippet(context);
            if (snippet) acceptor(context, snippetItem(snippet));
            return;
        }
        return super.completionFor(context, next, acceptor);
    }

    /**
     * Narrows what the scope offers. The scope stays permissive on purpose (linking a
     * later-stage task gives a precise error instead of "unknown task"), but completion
     * should only propose what is valid.
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const listed = namesListedBesides(refInfo, context);
        const candidates = super.getReferenceCandidates(refInfo, context).filter(candidate => !listed.has(candidate.name));
        const container = refInfo.container;
        if (ast.isGate(container) && refInfo.property === 'requires') {
            const stage = container.$container;
            const stages = stage?.$container ? resolvePlaybook(stage.$container).stages : [];
            const limit = stages.indexOf(stage);
            const allowed = new Set(stages.slice(0, limit + 1));
            return candidates.filter(candidate => {
                const task = candidate.node;
                return !ast.isTask(task) || limit < 0 || allowed.has(task.$container);
            });
        }
        if (ast.isPlaybook(container) && refInfo.property === 'forecasts') {
            // The forecast weighs a number: only money and number fields fit.
            return candidates.filter(candidate => {
                const type = ast.isField(candidate.node) ? candidate.node.type : undefined;
                return ast.isPrimitiveType(type) && (type.kind === 'money' || type.kind === 'number');
            });
        }
        const field = valueOwnerField(context, container);
        if (field && ast.isEnumValueReference(container)) {
            // A bool or number field takes no enum value; an enum field only its own values
            // (the scope already narrows those; this covers fields of another type).
            return ast.isEnumType(field.type) ? candidates : candidates.filter(() => false);
        }
        if (refInfo.property === 'symbol' && (ast.isValueReference(container) || ast.isBinaryExpression(container))) {
            return this.conditionOperands(candidates, context);
        }
        return candidates;
    }

    /**
     * A name in a condition. Compared with a field (`ok = `, `grade != `, `budget > `): what fits
     * that field, the values of its enum or a field of a comparable type, never a yes/no's
     * field. Elsewhere (`when `, `and `): fields, since an enum value alone is no condition.
     */
    private conditionOperands(candidates: Stream<AstNodeDescription>, context: CompletionContext): Stream<AstNodeDescription> {
        const compared = comparedField(context);
        if (!compared) {
            return candidates.filter(candidate => !ast.isEnumValue(candidate.node));
        }
        const kind = fieldKind(compared);
        if (kind === 'enum') {
            const values = new Set<AstNode>((compared.type as ast.EnumType).values);
            return candidates.filter(candidate => candidate.node !== undefined && values.has(candidate.node));
        }
        return candidates.filter(candidate => {
            const node = candidate.node;
            return ast.isField(node) && node !== compared && kind !== 'bool' && comparable(kind, fieldKind(node));
        });
    }

    protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        const item = super.createReferenceCompletionItem(description, refInfo, context);
        const node = description.node;
        if (!node) {
            // A playbook of another file that is not loaded: the index still knows its name.
            return { ...item, kind: this.nodeKindProvider.getCompletionItemKind(description), detail: description.type.toLowerCase() };
        }
        const documentation: MarkupContent | undefined = describeMarkdown(node);
        return {
            ...item,
            kind: this.nodeKindProvider.getCompletionItemKind(node),
            detail: declarationDetail(node),
            ...(documentation ? { documentation } : {}),
            // Declaration order is the order of the process: stage 1 before stage 2.
            sortText: `0${String(declarationOrder(node)).padStart(5, '0')}`
        };
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.keywordFitsValue(context, keyword) || !keywordFitsPlaybook(context, keyword)) {
            return;
        }
        super.completionForKeyword(context, keyword, acceptor);
        for (const snippet of statementSnippets(context, keyword, this.indexManager)) {
            acceptor(context, snippetItem(snippet));
        }
    }

    /**
     * `true`/`false` only where a bool may go: after `set grade =` or `grade = ` they would be
     * type errors. `not` is no value to compare a field with either; `today` is compared with dates.
     */
    private keywordFitsValue(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
        if (!VALUE_KEYWORDS.has(keyword.value)) {
            return true;
        }
        const field = valueOwnerField(context, context.node) ?? comparedField(context);
        if (!field || !field.type) {
            return true;
        }
        if (keyword.value === 'today') return fieldKind(field) === 'date';
        return keyword.value !== 'not' && fieldKind(field) === 'bool';
    }

    /**
     * A reason being typed is an unterminated string, which the lexer rejects, so the grammar-driven
     * contexts never reach the `reason` feature: recognise `<date> terminate <Outcome> "partial` on
     * the cursor's line directly.
     */
    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const list = await this.completionAt(document, params, cancelToken);
        const trigger = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? params.context.triggerCharacter : undefined;
        if (trigger === undefined || !list) {
            return list;
        }
        // After a date an event's keyword must follow: `enter`, `done`… are what the author looks for there.
        const line = document.textDocument.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
        // `not` opens a condition's negation, but after a task or a field it starts `not before`: a clause, not a value.
        const clause = [...line.replace(/"(?:\\.|[^"\\])*"/gu, '""').matchAll(/\b(task|field|when|gate|stage)\b/gu)].at(-1)?.[1];
        const inDeclaration = clause === 'task' || clause === 'field';
        return afterTrigger(list, /\d{4}-\d{2}-\d{2}\s+$/u.test(line), inDeclaration);
    }

    private async completionAt(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
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
        return resolvePlaybook(playbook).terminations
            .filter(rule => rule.name === outcome && rule.reason !== undefined)
            .map((rule, index) => ({
                reason: rule.reason,
                label: quoteReason(rule.reason),
                kind: CompletionItemKind.Value,
                detail: `Reason for ${outcome} · ${rule.conditions.length > 0 ? 'also automatic' : 'by hand'}${rule.from.length > 0 ? ` · only from ${rule.from.map(s => s.$refText).join(', ')}` : ''}`,
                sortText: `0${String(index).padStart(5, '0')}`
            }));
    }
}

/**
 * `drop` only in a variant, where there is a base to drop from; `resolved from` never: it is
 * what an import writes to keep a resolved variant's lineage, not something an author types.
 */
function keywordFitsPlaybook(context: CompletionContext, keyword: GrammarAST.Keyword): boolean {
    if (keyword.value === 'resolved') return false;
    if (keyword.value !== 'drop') return true;
    const playbook = AstUtils.getContainerOfType(context.node, ast.isPlaybook);
    return playbook?.base !== undefined;
}

function quoteReason(reason: string): string {
    return `"${reason.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function describeMarkdown(node: AstNode): MarkupContent | undefined {
    const value = describeDeclaration(node);
    return value ? { kind: 'markdown', value } : undefined;
}

/**
 * After a trigger character (a space, `{`, `,`), which is typed everywhere: names and values
 * only (and the keywords that must come next, where they must). Statement keywords and
 * snippets would pop up after every space of the file.
 */
function afterTrigger(list: CompletionList, keywordsExpected: boolean, inDeclaration = false): CompletionList {
    const items = list.items.filter(item =>
        item.kind !== CompletionItemKind.Snippet
        && (item.kind !== CompletionItemKind.Keyword || keywordsExpected || (VALUE_KEYWORDS.has(item.label) && !(inDeclaration && item.label === 'not'))));
    return items.length > 0 ? { ...list, items } : CompletionList.create([], false);
}

/**
 * The names a list already holds (`requires A, B, |`, `done A, |`, `from A, |`, `in {A, |}`),
 * but the one being typed at the cursor: a task already required is not offered again.
 */
function namesListedBesides(refInfo: ReferenceInfo, context: CompletionContext): Set<string> {
    const value = (refInfo.container as unknown as Record<string, unknown>)[refInfo.property];
    const names = new Set<string>();
    if (!Array.isArray(value)) {
        return names;
    }
    for (const reference of value) {
        if (!isReference(reference)) continue;
        const cst = reference.$refNode;
        const atCursor = cst !== undefined && cst.offset <= context.offset && cst.end >= context.tokenOffset;
        if (!atCursor && reference.$refText) names.add(reference.$refText);
    }
    return names;
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

/** `date=DATE` of an enter event: where an event starts in a deal. */
function isEnterEventDate(feature: GrammarAST.AbstractElement): boolean {
    const assignment = AstUtils.getContainerOfType(feature, GrammarAST.isAssignment);
    const rule = AstUtils.getContainerOfType(feature, GrammarAST.isParserRule);
    return assignment?.feature === 'date' && rule?.name === ast.EnterEvent.$type;
}

function isTerminateEventReason(feature: GrammarAST.AbstractElement): boolean {
    const assignment = AstUtils.getContainerOfType(feature, GrammarAST.isAssignment);
    const rule = AstUtils.getContainerOfType(feature, GrammarAST.isParserRule);
    return assignment?.feature === 'reason' && rule?.name === ast.TerminateEvent.$type;
}
