/**
 * Inlay hints: beside a stage's `within 30 days`, how many days a deal may have spent since
 * it started when it leaves that stage on time: the sum of the `within` limits of the stage
 * and of every stage before it, e.g. `within 30 days  total ≤ 135 days from the start`.
 * Authors reason about a process in elapsed time ("signed within a quarter?"), while the
 * playbook states limits stage by stage; the hint does the sum, and says it is a total so
 * that it is not read as a second limit of the stage.
 *
 * Shown only where it adds something: on stages that have a `within` of their own (on a
 * stage without a limit there is no bound to show), and not on the first limit of a process
 * whose earlier stages all have one, where the total is the stage's own limit. Earlier stages
 * without a limit add nothing to the sum: the label says "+ time in" them, the tooltip names
 * them, since the bound then holds only if those are passed quickly.
 */
import { Cancellation, GrammarUtils, interruptAndCheck, type AstNode, type LangiumDocument } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import type { InlayHint, InlayHintParams, Position } from 'vscode-languageserver';
import { daysText } from '@playbook/model';
import * as ast from '../../generated/ast.js';

interface CumulativeDays {
    days: number;
    /** `Lead 14 + Demo 30`: the terms of the sum, for the tooltip. */
    terms: string[];
    /** Earlier stages without a limit, not counted. */
    unlimited: string[];
}

export class StageDaysInlayHintProvider extends AbstractInlayHintProvider {
    /** Per playbook AST (a new text gives a new AST): hints for a range need the stages before it too. */
    private readonly cache = new WeakMap<ast.Playbook, Map<ast.Stage, CumulativeDays>>();

    /**
     * Only stages carry hints: visit them instead of every node of the file (Langium's default
     * walks the whole tree, conditions and deal events included, yielding after each node).
     */
    override async getInlayHints(document: LangiumDocument, params: InlayHintParams, cancelToken = Cancellation.CancellationToken.None): Promise<InlayHint[] | undefined> {
        const root = document.parseResult.value as ast.Document;
        const hints: InlayHint[] = [];
        const acceptor: InlayHintAcceptor = hint => hints.push(hint);
        const { start, end } = params.range;
        for (const playbook of (root.elements ?? []).filter(ast.isPlaybook)) {
            await interruptAndCheck(cancelToken);
            for (const stage of playbook.stages) {
                const range = stage.$cstNode?.range;
                if (range && !isBefore(range.end, start) && !isBefore(end, range.start)) {
                    this.computeInlayHint(stage, acceptor);
                }
            }
        }
        return hints;
    }

    computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        if (!ast.isStage(node) || !isPositiveLimit(node.withinDays[0]) || !node.$cstNode) {
            return;
        }
        const cumulative = this.cumulativeDays(node.$container).get(node);
        const anchor = anchorOf(node);
        if (!cumulative || !anchor || (cumulative.terms.length === 1 && cumulative.unlimited.length === 0)) {
            return;
        }
        const tooltip = [
            `**Total time limit from the start of the deal.** A deal that leaves ${node.name} on time has spent at most ${daysText(cumulative.days)} since it started: the \`within\` limits of ${node.name} and of the stages before it, ${cumulative.terms.join(' + ')}.`,
            cumulative.unlimited.length > 0 ? `Not counted (no \`within\`): ${cumulative.unlimited.join(', ')}; the total holds only if a deal passes ${cumulative.unlimited.length === 1 ? 'it' : 'them'} quickly.` : undefined
        ].filter(Boolean).join('\n\n');
        acceptor({
            position: anchor,
            label: `total ≤ ${daysText(cumulative.days)} from the start${untimed(cumulative.unlimited)}`,
            paddingLeft: true,
            tooltip: { kind: 'markdown', value: tooltip }
        });
    }

    private cumulativeDays(playbook: ast.Playbook): Map<ast.Stage, CumulativeDays> {
        let sums = this.cache.get(playbook);
        if (!sums) {
            sums = new Map();
            let days = 0;
            const terms: string[] = [];
            const unlimited: string[] = [];
            for (const stage of playbook.stages) {
                const within = stage.withinDays[0];
                if (isPositiveLimit(within)) {
                    days += within;
                    terms.push(`${stage.name} ${within}`);
                    sums.set(stage, { days, terms: [...terms], unlimited: [...unlimited] });
                } else {
                    unlimited.push(stage.name);
                }
            }
            this.cache.set(playbook, sums);
        }
        return sums;
    }
}

function isBefore(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** A limit that is not a positive number is an error of its own (`within-range`): no sum to show. */
function isPositiveLimit(within: number | undefined): within is number {
    return within !== undefined && Number.isFinite(within) && within > 0;
}

/** `+ time in Trial`: earlier stages without a limit, whose time the total does not bound. */
function untimed(unlimited: readonly string[]): string {
    if (unlimited.length === 0) return '';
    return unlimited.length === 1 ? ` + time in ${unlimited[0]}` : ` + time in ${unlimited.length} stages without a limit`;
}

/**
 * Right after the stage's `within 30 days` (the first one, whose value counts, if it is given
 * twice: a repeat is a duplicate-attribute error), or after its number when `days` is missing.
 */
function anchorOf(stage: ast.Stage): Position | undefined {
    const limit = GrammarUtils.findNodesForProperty(stage.$cstNode, 'withinDays')[0];
    if (!limit) return undefined;
    const unit = [...GrammarUtils.findNodesForKeyword(stage.$cstNode, 'days'), ...GrammarUtils.findNodesForKeyword(stage.$cstNode, 'day')]
        .filter(days => days.offset >= limit.end).sort((a, b) => a.offset - b.offset)[0];
    return (unit ?? limit).range.end;
}
