/**
 * Gives Langium's built-in diagnostics (lexer, parser, linker) stable Playbook codes, so
 * that CLI output, SARIF rules and quick fixes can key on them like on any other rule.
 */
import { IssueCodes } from '@playbook/model';
import {
    Cancellation, CstUtils, DefaultDocumentValidator, interruptAndCheck,
    type AstNode, type DiagnosticInfo, type LangiumDocument, type MaybePromise, type ParseResult, type ValidationAcceptor, type ValidationCheck, type ValidationOptions
} from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import type { DealSimulator } from '../model/deal-simulator.js';
import type { PlaybookServices } from '../playbook-module.js';
import type { DeclarationSignatures } from '../scoping/declaration-signatures.js';
import { forEachAstNode, forEachAstNodeInterruptibly, forEachAstNodePruned, forEachReference, NODES_PER_INTERRUPT_CHECK } from '../utils/ast-walk.js';
import { resolvePlaybook } from '../scoping/playbook-variants.js';
import { syntaxErrorRangesOf } from '../parser/syntax-error-ranges.js';

/** One finding as a check reported it: its range is computed again from the node whenever it is given. */
interface Finding {
    severity: 'error' | 'warning' | 'info' | 'hint';
    message: string;
    info: DiagnosticInfo<AstNode>;
}

/**
 * The findings of the checks on a member's nodes (see `PlaybookDocumentValidator`), with
 * what they were computed against.
 */
interface MemberFindings {
    member: AstNode;
    /** The validation categories and the declarations of the member's playbook (`DeclarationSignatures`). */
    environment: string;
    /** For a deal, its replay (the simulator gives the same object while the deal and its playbook's model are unchanged). */
    replay: unknown;
    findings: Finding[];
    /** Whether the findings can be given again: each is placed by a node of the member, and none holds a position of its own. */
    reusable: boolean;
    /** Every name the member declares or names (see `unaffectedBy`). */
    names: Set<string>;
    /** Whether one of its references resolved to nothing. */
    unresolved: boolean;
}

export class PlaybookDocumentValidator extends DefaultDocumentValidator {
    /** The findings of the checks, by document root, on their way from validateAst to validateDocument. */
    private readonly findings = new WeakMap<AstNode, Diagnostic[]>();
    /** The findings of each member (stage, field, termination rule, outcome alias, deal) last checked. */
    private readonly memberFindings = new WeakMap<AstNode, MemberFindings>();
    private readonly signatures: DeclarationSignatures;
    private readonly simulator: DealSimulator;
    /** The environments of the last validation (see `validateAstNodes`). */
    private environments = new Map<string, string>();

    /**
     * Whether findings are kept for the next validation: only where an editor edits the
     * documents (a check from the command line validates each document once).
     */
    private readonly keepsFindings: boolean;

    constructor(services: PlaybookServices) {
        super(services);
        this.signatures = services.references.DeclarationSignatures;
        this.simulator = services.simulation.DealSimulator;
        this.keepsFindings = services.shared.workspace.TextDocuments !== undefined;
    }

    /**
     * Langium adds the checks' findings with `diagnostics.push(...findings)`, which overflows
     * the stack past some 120,000 findings (a file of 66,000 stages of one name): the whole
     * validation was then lost, with a stack trace on the console. They are added one by one.
     */
    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        const root = document.parseResult.value;
        for (const finding of this.findings.get(root) ?? []) diagnostics.push(finding);
        this.findings.delete(root);
        return diagnostics;
    }

    protected override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken = Cancellation.CancellationToken.None): Promise<Diagnostic[]> {
        this.findings.set(rootNode, await super.validateAst(rootNode, options, cancelToken));
        return [];
    }

    /**
     * Runs the registered checks on every node, as Langium's validator does, with a plain
     * loop and the checks looked up once per node type: the default awaits per node and
     * builds a stream of checks per node, which on a large document costs more than the
     * checks themselves.
     *
     * The checks on the nodes of a member of a playbook (a stage, field, termination rule or
     * outcome alias, with everything inside it) read nothing outside it but the playbook's
     * declarations (a required task's stage and place, a field's type), and those of a deal
     * also its replay. An edit gives new nodes for what it changed and their ancestors
     * (parser/reparsed-trees.ts), so a member that is the same node as at the last check,
     * with the same declarations (`DeclarationSignatures`) and the same replay, has the same
     * findings: they are given again, their ranges computed from the nodes' current
     * positions. The checks on the playbooks and the document (duplicates, stage order,
     * unused declarations, names across files) run on every validation.
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const checksByType = new Map<string, ValidationCheck[]>();
        // Synchronous checks run without a promise; an asynchronous one is waited for before the next.
        const runChecks = (node: AstNode, accept: ValidationAcceptor, checks: ValidationCheck[], from: number): MaybePromise<void> => {
            for (let i = from; i < checks.length; i++) {
                const pending = checks[i](node, accept, cancelToken);
                if (pending) return pending.then(() => runChecks(node, accept, checks, i + 1));
            }
            return undefined;
        };
        const check = (node: AstNode, accept: ValidationAcceptor): MaybePromise<void> => {
            let checks = checksByType.get(node.$type);
            if (!checks) {
                checks = [...this.validationRegistry.getChecks(node.$type, options.categories)];
                checksByType.set(node.$type, checks);
            }
            return runChecks(node, accept, checks, 0);
        };
        if (!this.keepsFindings) {
            // No findings are kept for a next validation (a check from the command line): each
            // node is checked as the walk reaches it, with no list of members and their nodes.
            await forEachAstNodeInterruptibly(rootNode, cancelToken, node => {
                const { validateNode, validateChildren } = this.validateSingleNodeOptions(node, options);
                const pending = validateNode ? check(node, acceptor) : undefined;
                return pending ? pending.then(() => validateChildren) : validateChildren;
            });
            return;
        }
        const categories = options.categories ? [...options.categories].sort().join(',') : '*';
        // One string per environment, the one of the last validation when it is equal, so
        // that comparing a member's environment with its findings' is comparing references
        // (a 5,000-line playbook's declarations are some 20 KB of text, and it has hundreds of members).
        const interned = new Map<string, string>();
        const environments = new Map<ast.Playbook | undefined, string>();
        const environmentOf = (playbook: ast.Playbook | undefined): string => {
            let environment = environments.get(playbook);
            if (environment === undefined) {
                const text = `${categories}|${playbook ? this.signatures.ofResolved(playbook) : ''}`;
                environment = this.environments.get(text) ?? text;
                interned.set(environment, environment);
                environments.set(playbook, environment);
            }
            return environment;
        };
        /** What differs between an earlier environment and one of this validation, computed once per pair. */
        const deltas = new Map<string, Map<string, ReadonlySet<string> | undefined>>();
        // In document order: a node to check, the nodes of a member to check, or a member's findings to give again.
        const work: Array<AstNode | { record: MemberFindings; nodes: AstNode[] } | { kept: MemberFindings }> = [];
        const skipped = new Set<AstNode>();
        const include = (node: AstNode, nodes: Array<AstNode | object>): void => {
            if (node.$container && skipped.has(node.$container)) {
                skipped.add(node);
                return;
            }
            const { validateNode, validateChildren } = this.validateSingleNodeOptions(node, options);
            if (validateNode) nodes.push(node);
            if (!validateChildren) skipped.add(node);
        };
        forEachAstNodePruned(rootNode, node => {
            if (!isMember(node) || skipped.has(node.$container!)) {
                include(node, work);
                return true;
            }
            const environment = environmentOf(ast.isDeal(node) ? node.playbook?.ref : node.$container as ast.Playbook);
            const replay = ast.isDeal(node) ? this.replayOf(node) : undefined;
            const kept = this.memberFindings.get(node);
            if (kept && kept.replay === replay && (kept.environment === environment || this.unaffectedBy(kept, environment, deltas))) {
                kept.environment = environment;
                work.push({ kept });
                return false;
            }
            const record: MemberFindings = { member: node, environment, replay, findings: [], reusable: true, names: new Set(), unresolved: false };
            const nodes: AstNode[] = [];
            forEachAstNode(node, inner => include(inner, nodes as Array<AstNode | object>));
            work.push({ record, nodes });
            return false;
        });
        let sinceInterrupt = NODES_PER_INTERRUPT_CHECK;
        const step = async (): Promise<void> => {
            if (++sinceInterrupt >= NODES_PER_INTERRUPT_CHECK) {
                sinceInterrupt = 0;
                await interruptAndCheck(cancelToken);
            }
        };
        this.environments = interned;
        for (const item of work) {
            if ('kept' in item) {
                for (const { severity, message, info } of item.kept.findings) acceptor(severity, message, info);
            } else if ('record' in item) {
                const { record, nodes } = item;
                this.memberFindings.delete(record.member);
                const recording: ValidationAcceptor = (severity, message, info) => {
                    record.findings.push({ severity, message, info });
                    if (info.range !== undefined || info.relatedInformation !== undefined || !isWithin(info.node, record.member)) record.reusable = false;
                    acceptor(severity, message, info);
                };
                for (const node of nodes) {
                    await step();
                    const pending = check(node, recording);
                    if (pending) await pending;
                }
                if (record.reusable) {
                    recordNames(record);
                    this.memberFindings.set(record.member, record);
                }
            } else {
                await step();
                const pending = check(item, acceptor);
                if (pending) await pending;
            }
        }
    }

    /**
     * Whether a member checked in `kept.environment` has the same findings in `environment`:
     * when the two differ only by names declared (tasks added, removed or renamed, stages
     * renamed in place: `DeclarationSignatures.nameDelta`) that the member neither declares
     * nor names, and none of its references was unresolved (its "did you mean" reads every
     * name). Its checks read the declarations through its references and its own names, and
     * those resolve as before, to declarations in the same place.
     */
    private unaffectedBy(kept: MemberFindings, environment: string, deltas: Map<string, Map<string, ReadonlySet<string> | undefined>>): boolean {
        if (kept.unresolved) return false;
        let byEnvironment = deltas.get(kept.environment);
        if (!byEnvironment) deltas.set(kept.environment, byEnvironment = new Map());
        let names = byEnvironment.get(environment);
        if (names === undefined && !byEnvironment.has(environment)) {
            names = this.signatures.nameDelta(kept.environment, environment);
            byEnvironment.set(environment, names);
        }
        if (names === undefined) return false;
        for (const name of names) {
            if (kept.names.has(name)) return false;
        }
        return true;
    }

    /** A deal's replay, as its check will read it. */
    private replayOf(deal: ast.Deal): unknown {
        try {
            return this.simulator.simulate(deal);
        } catch {
            return {};                                      // (the check reports it; never the same twice)
        }
    }

    /** Langium's diagnostics, placed from the errors' offsets: the tokens carry no lines or columns (parser/playbook-lexer.ts). */
    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        const ranges = syntaxErrorRangesOf(parseResult);
        [...parseResult.lexerErrors, ...parseResult.lexerReport?.diagnostics ?? []].forEach((error, i) => {
            diagnostics[start + i].range = ranges.ofLexerError(error);
        });
        setCode(diagnostics, start, IssueCodes.SyntaxError);
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processParsingErrors(parseResult, diagnostics, options);
        const ranges = syntaxErrorRangesOf(parseResult);
        // (Langium reports an error at a token the recovery made up only when the error names the token before it.)
        parseResult.parserErrors.filter(error => CstUtils.isValidTokenRange(error.token) || 'previousToken' in error).forEach((error, i) => {
            diagnostics[start + i].range = ranges.ofParserError(error);
        });
        setCode(diagnostics, start, IssueCodes.SyntaxError);
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processLinkingErrors(document, diagnostics, options);
        setCode(diagnostics, start, IssueCodes.UnresolvedReference);
        this.markDrops(document, diagnostics, start);
        // A deal whose playbook is unknown cannot resolve any of its names: report only the playbook.
        const orphanRanges = this.orphanDealEventRanges(document);
        if (orphanRanges.length > 0) {
            const kept = diagnostics.slice(start).filter(d => !withinAny(orphanRanges, d.range));
            diagnostics.splice(start, diagnostics.length - start, ...kept);
        }
    }

    /**
     * A variant's `drop` naming what its base does not have is `drop-unknown`; when the base
     * itself is not found (or is in a cycle), that is the one finding: nothing could be dropped.
     */
    protected markDrops(document: LangiumDocument, diagnostics: Diagnostic[], start: number): void {
        const root = document.parseResult.value as ast.Document;
        const dropped = new Map<string, boolean>();
        for (const playbook of (root.elements ?? []).filter(ast.isPlaybook)) {
            const baseFound = resolvePlaybook(playbook).base !== undefined;
            for (const drop of playbook.drops) {
                const references = ast.isDropStages(drop) ? drop.stages : ast.isDropFields(drop) ? drop.fields : drop.outcome ? [drop.outcome] : [];
                for (const reference of references) {
                    const range = reference.$refNode?.range;
                    if (range && reference.error) dropped.set(rangeKey(range), baseFound);
                }
            }
        }
        if (dropped.size === 0) return;
        const kept: Diagnostic[] = [];
        for (const diagnostic of diagnostics.slice(start)) {
            const baseFound = dropped.get(rangeKey(diagnostic.range));
            if (baseFound === false) continue;
            if (baseFound) diagnostic.code = IssueCodes.DropUnknown;
            kept.push(diagnostic);
        }
        diagnostics.splice(start, diagnostics.length - start, ...kept);
    }

    /** The ranges of the events of deals whose playbook is unknown, in document order (they do not overlap). */
    protected orphanDealEventRanges(document: LangiumDocument): Range[] {
        const root = document.parseResult.value as ast.Document;
        return (root.elements ?? [])
            .filter((element): element is ast.Deal => ast.isDeal(element) && !element.playbook?.ref)
            .flatMap(deal => deal.events.map(event => event.$cstNode?.range).filter((r): r is Range => r !== undefined));
    }
}

/**
 * Whether `inner` lies within one of `ranges` (sorted, not overlapping): only the last range
 * starting at or before it can hold it, found by bisection, so that a file of many orphan
 * deals costs (diagnostics + events) × log(events), not their product.
 */
function withinAny(ranges: readonly Range[], inner: Range): boolean {
    let low = 0, high = ranges.length - 1, candidate = -1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        if (notAfter(ranges[middle].start, inner.start)) {
            candidate = middle;
            low = middle + 1;
        } else {
            high = middle - 1;
        }
    }
    return candidate >= 0 && notAfter(inner.end, ranges[candidate].end);
}

function notAfter(a: Range['start'], b: Range['start']): boolean {
    return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function rangeKey(range: Range): string {
    return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}

function setCode(diagnostics: Diagnostic[], from: number, code: string): void {
    for (let i = from; i < diagnostics.length; i++) {
        diagnostics[i].code = code;
    }
}

/**
 * Notes the names the member declares and names, with those of the declarations holding
 * what it names (a gate's finding names the stage of the task it requires), and whether a
 * reference of it is unresolved.
 */
function recordNames(record: MemberFindings): void {
    forEachAstNode(record.member, node => {
        const name = (node as { name?: unknown }).name;
        if (typeof name === 'string') record.names.add(name);
        forEachReference(node, reference => {
            record.names.add(reference.$refText);
            const target = reference.ref;
            if (!target) record.unresolved = true;
            for (let holder = target?.$container; holder && !ast.isPlaybook(holder) && !ast.isDocument(holder); holder = holder.$container) {
                const holderName = (holder as { name?: unknown }).name;
                if (typeof holderName === 'string') record.names.add(holderName);
            }
        });
    });
}

/** A stage, field, termination rule or outcome alias of a playbook, or a deal. */
function isMember(node: AstNode): boolean {
    return ast.isPlaybook(node.$container) || ast.isDeal(node);
}

/** Whether `node` is `member` or lies inside it. */
function isWithin(node: AstNode | undefined, member: AstNode): boolean {
    for (let at = node; at; at = at.$container) {
        if (at === member) return true;
    }
    return false;
}
