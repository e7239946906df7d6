/**
 * The model without what needs Node (reading CRM exports from files and streams, decoding
 * text files): the same API as the package's main entry otherwise, for a browser or a web
 * worker (the playground's language server). Bundlers take it through the `browser`
 * condition of the package's exports.
 */
export * from './issue-codes.js';
export * from './model/playbook-model.js';
export { daysText, expressionToText, formatNumber, quote } from './model/expression-text.js';
export { stageFollowUpWords } from './model/cadence-words.js';
export { describeCadence } from './simulation/cadence-clock.js';
export * from './export/playbook-document.js';
export * from './export/serialize.js';
export * from './export/playbook-schema.js';
export * from './export/validate-document.js';
export { identifierPattern, invalidNameReason, playbookKeywords } from './export/identifiers.js';
export * from './import/read-playbook-documents.js';
export { readJson, type JsonPosition, type JsonReadResult } from './import/parse-json.js';
export { checkDocuments } from './import/check-model.js';
export { printDeal, printDocuments, printPlaybook } from './import/print-playbook.js';
export { findConditionBeyondLimits, findExcessiveNesting, MAX_EXPRESSION_DEPTH, MAX_NESTING, type ConditionLimits, type LimitExceeded } from './import/nesting-guard.js';
export * from './simulation/compiled-playbook.js';
export { toRuntimeValue, type RuntimeValue } from './simulation/evaluate.js';
export * from './simulation/simulate-deal.js';
export * from './simulation/simulation-result.js';
export * from './simulation/replay-options.js';
export * from './simulation/replay-session.js';
export * from './simulation/dates.js';
export * from './simulation/describe-result.js';
export * from './simulation/aggregate/aggregate-report.js';
export { DealAggregator, unverifiableChecks, type AggregateOptions } from './simulation/aggregate/deal-aggregator.js';
export { ForecastAccumulator, type Forecast, type ForecastOptions } from './simulation/aggregate/forecast.js';
export { Histogram, percentileOfSorted } from './simulation/aggregate/histogram.js';
export { mulberry32 } from './simulation/aggregate/prng.js';
export { formatAggregateReport } from './simulation/aggregate/format-report.js';
export { displayWidth, groupedCount, textTable } from './utils/figures.js';
export { ownString } from './utils/own-string.js';
export * from './simulation/deals-file/report-data.js';
export * from './simulation/deals-file/report-text.js';
export * from './crm/types.js';
export { InputProblems, type IncompleteDeal, type InputProblem, type InputSummary } from './crm/input-problems.js';
export { parseCrmDate, type CrmDate } from './crm/crm-dates.js';
export { COLUMN_SETTINGS, delimiterNamed, encodingNamed, ENCODING_NAMES, readerOptionsOfSettings, type DealsReaderOptions, type ReaderSettings } from './crm/reader-settings.js';
export { parseAmount } from './crm/crm-numbers.js';
export { normalizeName } from './crm/normalize-name.js';
export { StageMapper, type StageMeaning } from './crm/stage-mapper.js';
export { crmNameClashes, crmNameClashMessage, crmNamesOfModel, type CrmName, type CrmNameClash } from './crm/crm-name-clashes.js';
export * from './diagram/mermaid.js';
export { renderDiagramHtml, DIAGRAM_STYLE, DEFAULT_DIAGRAM_WIDTH, type DiagramProblem } from './diagram/html-diagram.js';
export type * from './diagram/diagram-drawing.js';
export { layoutPipeline, flowColumns, slideWidth, ARROW_Y, LAYOUT } from './diagram/diagram-layout.js';
export type * from './diagram/diagram-scene.js';
export { pipelineSvg, pipelineStyle, rangeAttribute, parseRangeAttribute, LIGHT_PALETTE, THEME_PALETTE, type SvgOptions } from './diagram/diagram-svg.js';
export { conditionSpans, estimateTextWidth, listSpans, wrapText, TEXT, type MeasureText, type Spans, type TextStyle } from './diagram/diagram-text.js';
export * from './handbook/markdown.js';
export * from './calibration/index.js';
export { escapeHtml } from './diagram/diagram-escape.js';
