/**
 * Validates a value against the published schema and says what is wrong in words, each
 * problem named by its JSON path (`/playbook/stages/2/probability: must be <= 100`).
 *
 * Ajv is loaded on first use, by a dynamic import: loading it costs more than a bare
 * `node` start-up, and every command of the bundled CLI would pay that if it were a
 * static import, not only `playbook import`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { identifierPattern } from './identifiers.js';
import { playbookSchema } from './playbook-schema.js';

export interface SchemaProblem {
    /** JSON pointer of the offending value (`''` is the whole document). */
    path: string;
    message: string;
}

let validator: Promise<ValidateFunction> | undefined;

function compiled(): Promise<ValidateFunction> {
    return validator ??= compile();
}

async function compile(): Promise<ValidateFunction> {
    const [{ Ajv2020 }, formats] = await Promise.all([import('ajv/dist/2020.js'), import('ajv-formats')]);
    // `discriminator` makes the expression and event unions report the errors of the
    // variant their `kind` names instead of every variant's; `verbose` gives each error
    // its schema, to say what a `pattern` or `not` meant. Refs kept as functions and no
    // code optimization: compiling drops from about 115 to 70 ms, validating an export
    // still takes well under a millisecond.
    const ajv = new Ajv2020({
        allErrors: true, verbose: true, discriminator: true, allowUnionTypes: true, strict: true, strictRequired: false,
        inlineRefs: false, code: { optimize: false }
    });
    // ajv-formats is CommonJS: its plugin is `module.exports` and, as well, its `default`
    // property, so that one of the two levels holds it under Node, a bundler or vitest.
    type Plugin = typeof formats.default.default;
    const plugin = formats.default as unknown as Plugin & { default?: Plugin };
    (plugin.default ?? plugin)(ajv, ['date']);
    return ajv.compile(playbookSchema());
}

/** The problems of one export document, none when it is valid. */
export async function validatePlaybookDocument(value: unknown, basePath = ''): Promise<SchemaProblem[]> {
    const validate = await compiled();
    if (validate(value)) {
        return [];
    }
    const problems: SchemaProblem[] = [];
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
        const message = describe(error);
        if (message === undefined) continue;
        const problem = { path: basePath + error.instancePath, message };
        const key = `${problem.path}\u0000${message}`;
        if (!seen.has(key)) {
            seen.add(key);
            problems.push(problem);
        }
    }
    return problems;
}

/** Ajv's message, made specific where ajv's own is vague; `undefined` for errors that only repeat another one. */
function describe(error: ErrorObject): string | undefined {
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
        case 'if':           // "must match then schema": the error inside `then` says what.
        case 'discriminator': // an unknown or missing `kind` is reported by its `enum` or `required`.
        case 'oneOf':
            return undefined;
        case 'pattern':
            return params.pattern === identifierPattern()
                ? 'must be a name: a letter (any script) or \'_\', then letters, digits or \'_\' (no spaces or punctuation)'
                : `must match the pattern ${String(params.pattern)}`;
        case 'not': {
            const negated = error.schema as { enum?: unknown; required?: unknown };
            if (negated.enum) return 'is a keyword of the Playbook language and cannot be a name';
            if (negated.required) return 'has "values", but only enum fields have values';
            return error.message;
        }
        case 'additionalProperties':
            return `has the unknown property "${String(params.additionalProperty)}"`;
        case 'enum':
            return `must be one of ${(params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}`;
        case 'const':
            return `must be ${JSON.stringify(params.allowedValue)}`;
        case 'format':
            return `must be a calendar date (YYYY-MM-DD)`;
        default:
            return error.message;
    }
}
