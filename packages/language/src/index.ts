/**
 * The Playbook language core: grammar, AST, scoping, validation, the plain model and the
 * deal simulator. No editor dependency: usable from the CLI, tests and other tools.
 */
export * from './playbook-module.js';
export * from './issue-codes.js';
export * from './rules/rule-documentation.js';
export { RULE_PAGES } from './rules/rule-pages.generated.js';
export * as ast from './generated/ast.js';
export { PlaybookLanguageLanguageMetaData as PlaybookLanguageMetaData } from './generated/module.js';
export * from './model/playbook-model.js';
export * from './model/ast-to-model.js';
export * from './model/expression-text.js';
export * from './simulation/compiled-playbook.js';
export * from './simulation/simulate-deal.js';
export * from './simulation/simulation-result.js';
export * from './simulation/replay-options.js';
export * from './simulation/replay-session.js';
export * from './simulation/dates.js';
export * from './parse-helpers.js';
export * from './simulation/deal-simulator.js';
export * from './simulation/describe-result.js';
export * from './crm/types.js';
export { readDealBatches, readDeals, type DealsInput } from './crm/read-deals.js';
export { InputProblems, type IncompleteDeal, type InputProblem, type InputSummary } from './crm/input-problems.js';
export { parseCrmDate, type CrmDate } from './crm/crm-dates.js';
export { parseAmount } from './crm/crm-numbers.js';
export { normalizeName } from './crm/normalize-name.js';
export { StageMapper, type StageMeaning } from './crm/stage-mapper.js';
export * from './simulation/aggregate/aggregate-report.js';
export { DealAggregator, unverifiableChecks, type AggregateOptions } from './simulation/aggregate/deal-aggregator.js';
export { ForecastAccumulator, type Forecast, type ForecastOptions } from './simulation/aggregate/forecast.js';
export { Histogram, percentileOfSorted } from './simulation/aggregate/histogram.js';
export { mulberry32 } from './simulation/aggregate/prng.js';
export { formatAggregateReport } from './simulation/aggregate/format-report.js';
export * from './export/playbook-document.js';
export * from './export/serialize.js';
export * from './export/playbook-schema.js';
export * from './export/validate-document.js';
export { invalidNameReason, playbookKeywords } from './export/identifiers.js';
export * from './import/import-playbook.js';
export { printPlaybook, printDeal } from './import/print-playbook.js';
export * from './diagram/mermaid.js';
export { renderDiagramHtml, DIAGRAM_STYLE, type DiagramProblem, type FormatExpression } from './diagram/html-diagram.js';
export * from './handbook/markdown.js';
export * from './formatting/index.js';
export * from './utils/text-decoding.js';
export * from './parser/syntax-errors.js';
