/**
 * Gives Langium's built-in diagnostics (lexer, parser, linker) stable Playbook codes, so
 * that CLI output, SARIF rules and quick fixes can key on them like on any other rule.
 */
import { IssueCodes } from '@playbook/model';
import {
    Cancellation, DefaultDocumentValidator,
    type AstNode, type LangiumDocument, type MaybePromise, type ParseResult, type ValidationAcceptor, type ValidationCheck, type ValidationOptions
} from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import { forEachAstNode, forEachInterruptibly } from '../utils/ast-walk.js';
import { resolvePlaybook } from '../scoping/playbook-variants.js';

export class PlaybookDocumentValidator extends DefaultDocumentValidator {
    /** The findings of the checks, by document root, on their way from validateAst to validateDocument. */
    private readonly findings = new WeakMap<AstNode, Diagnostic[]>();

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
     */
    protected override async validateAstNodes(rootNode: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        const nodes: AstNode[] = [];
        const skipped = new Set<AstNode>();
        forEachAstNode(rootNode, node => {
            if (skipped.has(node.$container!)) {
                skipped.add(node);
                return;
            }
            nodes.push(node);
            const { validateNode, validateChildren } = this.validateSingleNodeOptions(node, options);
            if (!validateNode) nodes.pop();
            if (!validateChildren) skipped.add(node);
        });
        const checksByType = new Map<string, ValidationCheck[]>();
        // Synchronous checks run without a promise; an asynchronous one is waited for before the next.
        const runChecks = (node: AstNode, checks: ValidationCheck[], from: number): MaybePromise<void> => {
            for (let i = from; i < checks.length; i++) {
                const pending = checks[i](node, acceptor, cancelToken);
                if (pending) return pending.then(() => runChecks(node, checks, i + 1));
            }
            return undefined;
        };
        await forEachInterruptibly(nodes, cancelToken, node => {
            let checks = checksByType.get(node.$type);
            if (!checks) {
                checks = [...this.validationRegistry.getChecks(node.$type, options.categories)];
                checksByType.set(node.$type, checks);
            }
            return runChecks(node, checks, 0);
        });
    }

    protected override processLexingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processLexingErrors(parseResult, diagnostics, options);
        setCode(diagnostics, start, IssueCodes.SyntaxError);
    }

    protected override processParsingErrors(parseResult: ParseResult, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processParsingErrors(parseResult, diagnostics, options);
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
