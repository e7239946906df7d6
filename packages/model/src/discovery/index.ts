/** Drafting a playbook from a CRM history (`playbook init --from`). */
export { discoverPlaybook, DEFAULT_SETTINGS, MAX_REASONS, MIN_STAYS, type DiscoverOptions, type DiscoveryResult, type OpenDeals } from './discover-playbook.js';
export { draftToModel, NO_REASON, type DraftOutcome, type DraftPlaybook, type DraftSettings, type DraftStage, type DraftTask } from './draft.js';
export { renderDraft } from './render-draft.js';
export { NameAllocator, suggestName } from './crm-identifiers.js';
export { dominantOrder, orderCost, type FlowCounts } from './stage-order.js';
export { endKindOfName, type EndKind } from './end-names.js';
export { nearestRank, nonDecreasing } from './history-figures.js';
