/**
 * Replays the deals written in `.playbook` files (their syntax trees, turned into the plain
 * model that @playbook/model's simulator replays), once per text: the validator (violations
 * as diagnostics) and the editor (a code lens per deal) share one result per deal, which
 * is recomputed only when the deal's text or its playbook's text changed.
 */
import { AstUtils } from 'langium';
import { compilePlaybook, simulateDeal, type DealResult, type PlaybookModel } from '@playbook/model';
import type * as ast from '../generated/ast.js';
import { hasSyntaxErrors } from '../parser/syntax-errors.js';
import { dealToModel, playbookToModel } from './ast-to-model.js';

export interface DealSimulation {
    result: DealResult;
    /** The AST node of each event of `result`, by the violations' `eventIndex`. */
    eventNodes: ast.Event[];
}

export class DealSimulator {
    private readonly cache = new WeakMap<ast.Deal, { playbook: PlaybookModel; simulation: DealSimulation }>();

    /** The deal's replay, or `undefined` when its playbook is unknown, empty or does not parse. */
    simulate(deal: ast.Deal): DealSimulation | undefined {
        const playbookNode = deal.playbook?.ref;
        if (!playbookNode || playbookNode.stages.length === 0 || hasSyntaxErrors(AstUtils.getDocument(playbookNode).parseResult)) {
            // Replaying against a playbook the parser only half understood would report
            // violations of rules the author did not write; the syntax errors come first.
            return undefined;
        }
        const playbook = playbookToModel(playbookNode);
        const cached = this.cache.get(deal);
        if (cached?.playbook === playbook) {
            return cached.simulation;
        }
        const { model, eventNodes } = dealToModel(deal);
        const simulation = { result: simulateDeal(compilePlaybook(playbook), model), eventNodes };
        this.cache.set(deal, { playbook, simulation });
        return simulation;
    }
}
