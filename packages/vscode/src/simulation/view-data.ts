/**
 * What the simulation report view renders: the language server's answer to
 * `playbook/simulateDeals` (typed in `@playbook/language/protocol`). Types only: the
 * webview's script bundles nothing of the language.
 */
export type {
    AggregateReport, InputProblem, SimulationViewData, TimeSummary, ViewDeal, ViewStage, ViewViolation
} from '@playbook/language/protocol';
