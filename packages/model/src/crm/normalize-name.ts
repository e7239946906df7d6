import { ownString } from '../utils/own-string.js';

/**
 * Names as a CRM user means them: "Negociación", "NEGOCIACION " and "negociacion" are one
 * stage. Accents are stripped after canonical decomposition (NFD), so precomposed and
 * combining spellings agree; case and runs of white space do not count.
 */
export function normalizeName(name: string): string {
    let normalized = normalized_.get(name);
    if (normalized === undefined) {
        normalized = name.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
        if (name.length <= MEMO_NAME_LENGTH) {
            if (normalized_.size >= MEMO_LIMIT) normalized_.clear();
            normalized_.set(ownString(name), normalized);
        }
    }
    return normalized;
}

/**
 * The names normalized lately. The same few hundred names (a playbook's stages and aliases,
 * checked on every keystroke; the stage column of a CRM export, once per row) are asked for
 * again and again, and four passes over each cost more than a lookup. Bounded: emptied
 * when full.
 */
const normalized_ = new Map<string, string>();
const MEMO_LIMIT = 10_000;
const MEMO_NAME_LENGTH = 256;

/** Column headers compare on letters and digits only: `Deal - ID`, `deal_id` and `DealId` are one column. */
export function headerKey(header: string): string {
    return normalizeName(header).replace(/[^\p{L}\p{N}]+/gu, '');
}
