/**
 * The Playbook model: the plain, JSON-shaped model of a playbook and its deals (what
 * `playbook export` writes), and what works on it without a parser: the JSON Schema and
 * the checks of an exported document, the deal simulator and its aggregate report, the CRM
 * export readers, and the Mermaid, Markdown and HTML renderings. No Langium: a tool that
 * reads exported JSON needs nothing else. @playbook/language turns `.playbook` text into
 * this model.
 */
export * from './browser.js';
export { readDealBatches, readDeals, type DealsInput } from './crm/read-deals.js';
export * from './simulation/deals-file/simulate-deals-file.js';
export { calibrateDeals, type CalibrateDealsOptions } from './calibration/calibrate-deals.js';
export * from './utils/text-decoding.js';
export * from './discovery/index.js';
