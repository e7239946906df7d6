/**
 * Names as a CRM user means them: "Negociación", "NEGOCIACION " and "negociacion" are one
 * stage. Accents are stripped after canonical decomposition (NFD), so precomposed and
 * combining spellings agree; case and runs of white space do not count.
 */
export function normalizeName(name: string): string {
    return name.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Column headers compare on letters and digits only: `Deal - ID`, `deal_id` and `DealId` are one column. */
export function headerKey(header: string): string {
    return normalizeName(header).replace(/[^\p{L}\p{N}]+/gu, '');
}
