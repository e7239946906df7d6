/**
 * Playbook names for what a CRM export calls by free text: "Needs Analysis" → `NeedsAnalysis`,
 * "Négociation" → `Négociation`, "陌生期" → `陌生期`, "1st call" → `_1stCall`. Letters of any
 * script the grammar's ID terminal accepts are kept as they are (never transliterated): the
 * CRM name stays recognisable, and is kept verbatim as an `alias` anyway.
 *
 * A `NameAllocator` hands out each name once across one playbook (stages, tasks, outcomes and
 * fields share it, so a reader never wonders which `Lost` is meant): a second "Demo" becomes
 * `Demo2`, and a keyword (`stage`, `won`) or a name with no usable letter gets a fallback.
 */
import { invalidNameReason } from '../export/identifiers.js';

/** A character the ID terminal accepts at the start of a name, and anywhere after it. */
function isNameStart(char: string): boolean {
    // `${char}a`: a one-letter keyword, if the language ever had one, is still a letter.
    return invalidNameReason(`${char}a`) === undefined || invalidNameReason(char) === undefined;
}

function isNamePart(char: string): boolean {
    return invalidNameReason(`a${char}`) === undefined;
}

/**
 * The name a CRM text suggests: its words joined in PascalCase (a word written in a script
 * without case stays as written), every character the grammar does not accept dropped. May
 * be empty (a text of punctuation only) or a keyword: `NameAllocator` handles both.
 */
export function suggestName(text: string, capitalize = true): string {
    const words: string[] = [];
    let word = '';
    for (const char of text.normalize('NFC')) {
        if (char !== '_' && isNamePart(char)) {
            word += char;
        } else if (word !== '') {
            words.push(word);
            word = '';
        }
    }
    if (word !== '') words.push(word);
    const joined = words.map((w, i) => (capitalize || i > 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join('');
    if (joined === '') return '';
    const first = [...joined][0];
    return isNameStart(first) && !/[0-9]/.test(first) ? joined : `_${joined}`;
}

export class NameAllocator {
    private readonly taken = new Set<string>();

    /** Marks a name as used (one the playbook already has). */
    reserve(name: string): void {
        this.taken.add(name);
    }

    /** A name for `text`, unused so far and valid; `fallback` (e.g. `Stage`) when the text gives none. */
    /**
     * @param options.avoid names that must not be given besides the taken ones: a stage's name
     * that reads as another stage's CRM name would make that name mean two stages.
     */
    allocate(text: string, fallback: string, options: { capitalize?: boolean; avoid?: (name: string) => boolean } = {}): string {
        const avoid = options.avoid ?? ((): boolean => false);
        let base = suggestName(text, options.capitalize ?? true);
        if (base === '' || invalidNameReason(base) !== undefined) {
            base = base !== '' && invalidNameReason(`${base}_`) === undefined ? `${base}_` : fallback;
        }
        let name = base;
        for (let n = 2; this.taken.has(name) || avoid(name) || invalidNameReason(name) !== undefined; n++) {
            name = `${base}${n}`;
        }
        this.taken.add(name);
        return name;
    }
}
