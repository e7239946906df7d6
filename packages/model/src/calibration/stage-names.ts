/**
 * The export's stage and outcome names against the names the playbook declares: which mean
 * nothing (their rows are unusable: a deal with such a row is skipped, as `simulate` skips
 * it), which declared aliases no row uses (a CRM that renamed a stage, an alias mistyped).
 * Names compare as the reader compares them (`StageMapper`, `normalizeName`).
 */
import { normalizeName } from '../crm/normalize-name.js';
import { StageMapper } from '../crm/stage-mapper.js';
import type { PlaybookModel } from '../model/playbook-model.js';
import type { AliasOwner, StageNames } from './calibration.js';

export function stageNamesOf(playbook: PlaybookModel, counts: ReadonlyMap<string, number> | undefined): StageNames {
    if (!counts) return { unmatched: [], aliasesNeverSeen: [], seen: [] };
    const mapper = new StageMapper(playbook);
    // One entry per name as written (trimmed): "Demo " and "Demo" are one name of the export.
    const byName = new Map<string, number>();
    for (const [name, count] of counts) {
        const key = name.trim();
        if (key !== '') byName.set(key, (byName.get(key) ?? 0) + count);
    }
    const seen: StageNames['seen'] = [...byName].map(([name, count]) => {
        const meaning = mapper.map(name);
        const means: AliasOwner | { kind: 'open' } | null = meaning === undefined ? null
            : meaning.kind === 'stage' ? { kind: 'stage', stage: meaning.stage }
                : meaning.kind === 'terminate' ? { kind: 'outcome', outcome: meaning.outcome }
                    : { kind: meaning.kind };
        return { name, count, means };
    }).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    const seenKeys = new Set(seen.map(entry => normalizeName(entry.name)));
    const aliasesNeverSeen: StageNames['aliasesNeverSeen'] = [];
    const note = (alias: string, of: AliasOwner): void => {
        if (!seenKeys.has(normalizeName(alias))) aliasesNeverSeen.push({ alias, of });
    };
    for (const stage of playbook.stages) for (const alias of stage.aliases) note(alias, { kind: 'stage', stage: stage.name });
    for (const alias of playbook.wonAliases ?? []) note(alias, { kind: 'won' });
    for (const entry of playbook.outcomeAliases ?? []) for (const alias of entry.aliases) note(alias, { kind: 'outcome', outcome: entry.outcome });
    return {
        unmatched: seen.filter(entry => entry.means === null).map(({ name, count }) => ({ name, count })),
        aliasesNeverSeen,
        seen
    };
}
