/**
 * What may stand as a name in a playbook: the grammar's ID terminal, minus its keywords.
 * Both are generated from the grammar itself (playbook-names.generated.ts), so the schema
 * and the importer can never drift from what the parser accepts; a test fails when the
 * generated file is not what the grammar gives.
 */
import { ID_SOURCE, KEYWORDS } from './playbook-names.generated.js';

interface NameRules {
    /** The ID terminal's regular expression source, without anchors. */
    idSource: string;
    /** Every keyword that the ID terminal would otherwise match: reserved, so never a name. */
    keywords: readonly string[];
    identifier: RegExp;
}

let rules: NameRules | undefined;

function nameRules(): NameRules {
    rules ??= { idSource: ID_SOURCE, keywords: KEYWORDS, identifier: new RegExp(`^(?:${ID_SOURCE})$`) };
    return rules;
}

/** The keywords of the language that look like names (`stage`, `when`, `days`…), sorted. */
export function playbookKeywords(): readonly string[] {
    return nameRules().keywords;
}

/**
 * The ID terminal matches an ideograph of planes 2 and 3 (CJK Extension B and later) as its
 * two UTF-16 code units, which a regular expression without the `u` flag needs. A JSON
 * Schema `pattern` is read with the `u` flag (Ajv, and ECMA-262 as JSON Schema specifies
 * it), where such a character is one code point and a range of lone surrogates matches
 * nothing: there the same letters are written as a range of code points.
 */
const SURROGATE_PAIRS = '[\\uD840-\\uD8BF][\\uDC00-\\uDFFF]';
const CODE_POINTS = '[\\u{20000}-\\u{3FFFF}]';

/** The anchored pattern a name must match, as JSON Schema `pattern` text (Unicode mode). */
export function identifierPattern(): string {
    const { idSource } = nameRules();
    if (!idSource.includes(SURROGATE_PAIRS)) {
        throw new Error(`The ID terminal no longer matches ideographs outside the Basic Multilingual Plane as ${SURROGATE_PAIRS}: update identifierPattern().`);
    }
    return `^(?:${idSource.split(SURROGATE_PAIRS).join(CODE_POINTS)})$`;
}

/** Why `name` cannot be written as a playbook name, or `undefined` when it can. */
export function invalidNameReason(name: string): string | undefined {
    const { identifier, keywords } = nameRules();
    if (!identifier.test(name)) {
        return `'${name}' is not a valid name: a name starts with a letter or '_' and holds only letters, digits and '_' (no spaces or punctuation).`;
    }
    if (keywords.includes(name)) {
        return `'${name}' is a keyword of the Playbook language and cannot be used as a name.`;
    }
    return undefined;
}
