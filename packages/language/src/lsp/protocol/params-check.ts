/**
 * What is wrong with the params of an LSP message, in words, before any handler reads them.
 * Handlers (vscode-languageserver's and Langium's) read `params.textDocument.uri` or
 * `params.position.line` without looking; malformed params then failed deep inside with
 * "Cannot read properties of null" (-32603, InternalError). Checked here, the client gets
 * -32602 (InvalidParams) saying which field is missing, and a malformed notification is
 * ignored with a line in the log.
 *
 * Only what the server reads is checked; fields it ignores may hold anything.
 */

/** A check of one value: undefined when it is fine, else what is wrong with it. */
type Check = (value: unknown, path: string) => string | undefined;

/** A check that says "is missing" for a missing value, else what `check` says. */
function required(check: Check): Check {
    return (value, path) => (value === undefined ? `${path} is missing` : check(value, path));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a value is, to say what is wrong with it: "params.position must be an object, not null". */
function shown(value: unknown): string {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'a list';
    if (typeof value === 'object') return 'an object';
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

const string: Check = required((value, path) => (typeof value === 'string' ? undefined : `${path} must be a string, not ${shown(value)}`));
const boolean: Check = required((value, path) => (typeof value === 'boolean' ? undefined : `${path} must be true or false, not ${shown(value)}`));
const wholeNumber: Check = required((value, path) =>
    (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? undefined : `${path} must be a whole number from 0, not ${shown(value)}`));
const integer: Check = required((value, path) => (typeof value === 'number' && Number.isInteger(value) ? undefined : `${path} must be a whole number, not ${shown(value)}`));
const anyObject: Check = required((value, path) => (isObject(value) ? undefined : `${path} must be an object, not ${shown(value)}`));
const anything: Check = () => undefined;

/** One of the given strings. */
function oneOf(values: readonly string[]): Check {
    return required((value, path) => (typeof value === 'string' && values.includes(value) ? undefined
        : `${path} must be one of ${values.map(v => `"${v}"`).join(', ')}, not ${shown(value)}`));
}

function optional(check: Check): Check {
    return (value, path) => (value === undefined || value === null ? undefined : check(value, path));
}

function list(item: Check): Check {
    return required((value, path) => {
        if (!Array.isArray(value)) return `${path} must be a list, not ${shown(value)}`;
        for (let i = 0; i < value.length; i++) {
            const problem = item(value[i], `${path}[${i}]`);
            if (problem) return problem;
        }
        return undefined;
    });
}

function object(fields: Record<string, Check>): Check {
    return required((value, path) => {
        if (!isObject(value)) return `${path} must be an object, not ${shown(value)}`;
        for (const [name, check] of Object.entries(fields)) {
            const problem = check(value[name], `${path}.${name}`);
            if (problem) return problem;
        }
        return undefined;
    });
}

const position = object({ line: wholeNumber, character: wholeNumber });
const range = object({ start: position, end: position });
const textDocument = object({ uri: string });
const document = { textDocument };
const atPosition = { textDocument, position };
const formattingOptions = object({ tabSize: wholeNumber, insertSpaces: boolean });
const hierarchyItem = object({ uri: string, range, selectionRange: range });

/** A CRM export: `{ uri }`, `{ name, text }` or `{ name, base64 }`. */
const dealsSource: Check = required((value, path) => {
    if (!isObject(value)) return `${path} must be an object, not ${shown(value)}`;
    if ('uri' in value) return string(value.uri, `${path}.uri`);
    if ('text' in value) return string(value.name, `${path}.name`) ?? string(value.text, `${path}.text`);
    if ('base64' in value) return string(value.name, `${path}.name`) ?? string(value.base64, `${path}.base64`);
    return `${path} must have a uri, a text or a base64`;
});

/** Requests about one document: the params the server reads, by method. */
const DOCUMENT_REQUESTS: Record<string, Record<string, Check>> = {
    'textDocument/hover': atPosition,
    'textDocument/completion': atPosition,
    'textDocument/definition': atPosition,
    'textDocument/typeDefinition': atPosition,
    'textDocument/declaration': atPosition,
    'textDocument/implementation': atPosition,
    'textDocument/documentHighlight': atPosition,
    'textDocument/signatureHelp': atPosition,
    'textDocument/prepareRename': atPosition,
    'textDocument/prepareCallHierarchy': atPosition,
    'textDocument/prepareTypeHierarchy': atPosition,
    'textDocument/linkedEditingRange': atPosition,
    'textDocument/moniker': atPosition,
    'textDocument/references': { ...atPosition, context: object({ includeDeclaration: optional(boolean) }) },
    'textDocument/rename': { ...atPosition, newName: string },
    'textDocument/onTypeFormatting': { ...atPosition, ch: string, options: formattingOptions },
    'textDocument/documentSymbol': document,
    'textDocument/foldingRange': document,
    'textDocument/codeLens': document,
    'textDocument/documentLink': document,
    'textDocument/semanticTokens/full': document,
    'textDocument/semanticTokens/full/delta': { ...document, previousResultId: string },
    'textDocument/semanticTokens/range': { ...document, range },
    'textDocument/inlayHint': { ...document, range },
    'textDocument/formatting': { ...document, options: formattingOptions },
    'textDocument/rangeFormatting': { ...document, range, options: formattingOptions },
    'textDocument/codeAction': { ...document, range, context: object({ diagnostics: list(anyObject) }) },
    'textDocument/selectionRange': { ...document, positions: list(position) },
    // The server's own (protocol/playbook-requests.ts).
    'playbook/diagram': document,
    'playbook/simulate': document,
    'playbook/export': { ...document, format: optional(oneOf(['json', 'mermaid', 'markdown'])), withDeals: optional(boolean) },
    'playbook/simulateDeals': {
        ...document, playbook: optional(string), deals: dealsSource,
        asOf: optional(required((value, path) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : `${path} must be a date YYYY-MM-DD, not ${shown(value)}`))),
        lateStart: optional(oneOf(['allow', 'skip']))
    },
    'playbook/replay': { ...document, deal: string, show: optional(boolean) },
    'playbook/aliasEdit': { ...document, playbook: string, stage: string, alias: string }
};

/** Other requests and the notifications whose params the server reads. */
const OTHER_MESSAGES: Record<string, Check> = {
    'initialize': object({
        capabilities: anyObject, processId: optional(integer), rootUri: optional(string),
        workspaceFolders: optional(list(object({ uri: string, name: string })))
    }),
    'workspace/symbol': object({ query: string }),
    'playbook/newPlaybook': object({ template: string, name: string }),
    'workspace/executeCommand': object({ command: string, arguments: optional(list(anything)) }),
    'callHierarchy/incomingCalls': object({ item: hierarchyItem }),
    'callHierarchy/outgoingCalls': object({ item: hierarchyItem }),
    'typeHierarchy/supertypes': object({ item: hierarchyItem }),
    'typeHierarchy/subtypes': object({ item: hierarchyItem }),
    'completionItem/resolve': anyObject,
    'codeLens/resolve': anyObject,
    'codeAction/resolve': anyObject,
    'inlayHint/resolve': anyObject,
    'documentLink/resolve': anyObject,
    'workspaceSymbol/resolve': anyObject,
    'textDocument/didOpen': object({ textDocument: object({ uri: string, languageId: string, version: integer, text: string }) }),
    'textDocument/didChange': object({
        textDocument: object({ uri: string, version: integer }),
        // Either the whole text, or a range and the text that replaces it.
        contentChanges: list(object({ text: string, range: optional(range) }))
    }),
    'textDocument/didClose': object({ textDocument }),
    'textDocument/didSave': object({ textDocument, text: optional(string) }),
    'textDocument/willSave': object({ textDocument, reason: integer }),
    'textDocument/willSaveWaitUntil': object({ textDocument, reason: integer }),
    'workspace/didChangeConfiguration': anyObject,
    'workspace/didChangeWatchedFiles': object({ changes: list(object({ uri: string, type: integer })) }),
    'workspace/didChangeWorkspaceFolders': object({ event: object({ added: list(object({ uri: string, name: string })), removed: list(object({ uri: string, name: string })) }) }),
    '$/setTrace': object({ value: string })
};

/** What is wrong with the params of a message of this method, or undefined when they can be read. */
export function paramsProblem(method: string, params: unknown): string | undefined {
    const fields = DOCUMENT_REQUESTS[method];
    if (fields) {
        return object(fields)(params, 'params');
    }
    return OTHER_MESSAGES[method]?.(params, 'params');
}

/** The document a request is about, when it is a request about one document. */
export function requestedDocument(method: string, params: unknown): string | undefined {
    if (!DOCUMENT_REQUESTS[method] || !isObject(params) || !isObject(params.textDocument)) {
        return undefined;
    }
    const uri = params.textDocument.uri;
    return typeof uri === 'string' ? uri : undefined;
}
