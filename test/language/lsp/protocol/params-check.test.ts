/**
 * The params check lets every well-formed message through, as editors send them (extra
 * fields included), and names the first field it cannot read.
 */
import { describe, expect, it } from 'vitest';
import { paramsProblem, requestedDocument } from '../../../../packages/language/src/lsp/protocol/params-check.js';

const uri = 'file:///work/a.playbook';
const textDocument = { uri };
const position = { line: 3, character: 7 };
const range = { start: { line: 0, character: 0 }, end: { line: 4, character: 1 } };
const options = { tabSize: 4, insertSpaces: true, trimTrailingWhitespace: true };
const progress = { workDoneToken: 'w1', partialResultToken: 'p1' };

describe('well-formed messages as editors send them', () => {
    it.each<[string, unknown]>([
        ['initialize', { processId: 4242, rootUri: 'file:///work', capabilities: { textDocument: {} }, workspaceFolders: [{ uri: 'file:///work', name: 'work' }], trace: 'off' }],
        ['initialize', { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null }],
        ['textDocument/hover', { textDocument, position, ...progress }],
        ['textDocument/completion', { textDocument, position, context: { triggerKind: 2, triggerCharacter: ' ' } }],
        ['textDocument/definition', { textDocument, position }],
        ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
        ['textDocument/rename', { textDocument, position, newName: 'Won' }],
        ['textDocument/prepareRename', { textDocument, position }],
        ['textDocument/documentHighlight', { textDocument, position }],
        ['textDocument/documentSymbol', { textDocument, ...progress }],
        ['textDocument/foldingRange', { textDocument }],
        ['textDocument/codeLens', { textDocument }],
        ['textDocument/semanticTokens/full', { textDocument }],
        ['textDocument/semanticTokens/full/delta', { textDocument, previousResultId: '3' }],
        ['textDocument/semanticTokens/range', { textDocument, range }],
        ['textDocument/inlayHint', { textDocument, range }],
        ['textDocument/formatting', { textDocument, options }],
        ['textDocument/rangeFormatting', { textDocument, range, options }],
        ['textDocument/onTypeFormatting', { textDocument, position, ch: '}', options }],
        ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [{ range, message: 'm', code: 'unused-field' }], only: ['quickfix'], triggerKind: 1 } }],
        ['textDocument/selectionRange', { textDocument, positions: [position] }],
        ['workspace/symbol', { query: '' }],
        ['workspace/executeCommand', { command: 'playbook.simulate', arguments: [uri, 3] }],
        ['codeLens/resolve', { range, command: { title: 'Won', command: '' } }],
        ['completionItem/resolve', { label: 'task' }],
        ['textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version: 0, text: '' } }],
        ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range, rangeLength: 3, text: 'x' }, { text: 'whole' }] }],
        ['textDocument/didClose', { textDocument }],
        ['textDocument/didSave', { textDocument, text: 'saved' }],
        ['workspace/didChangeConfiguration', { settings: { playbook: { severityOverrides: {} } } }],
        ['workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] }],
        ['$/setTrace', { value: 'verbose' }],
        ['initialized', {}],
        ['shutdown', undefined],
        ['exit', undefined],
        ['$/cancelRequest', { id: 3 }],
        ['a/methodNobodyHandles', null]
    ])('%s %j', (method, params) => {
        expect(paramsProblem(method, params)).toBeUndefined();
    });
});

describe('malformed params, named by their first unreadable field', () => {
    it.each<[string, unknown, string]>([
        ['textDocument/hover', undefined, 'params is missing'],
        ['textDocument/hover', { textDocument, position: { line: 1.5, character: 0 } }, 'params.position.line must be a whole number from 0, not 1.5'],
        ['textDocument/selectionRange', { textDocument, positions: [position, { line: 1 }] }, 'params.positions[1].character is missing'],
        ['textDocument/didChange', { textDocument: { uri }, contentChanges: [] }, 'params.textDocument.version is missing'],
        ['textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ range }] }, 'params.contentChanges[0].text is missing'],
        ['textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version: 1, text: 7 } }, 'params.textDocument.text must be a string, not 7'],
        ['initialize', { processId: 1 }, 'params.capabilities is missing'],
        ['workspace/didChangeWatchedFiles', { changes: [{ uri, type: 'changed' }] }, 'params.changes[0].type must be a whole number, not "changed"'],
    ])('%s %j: %s', (method, params, problem) => {
        expect(paramsProblem(method, params)).toBe(problem);
    });
});

describe('the document a request is about', () => {
    it.each<[string, unknown, string | undefined]>([
        ['textDocument/hover', { textDocument, position }, uri],
        ['textDocument/documentSymbol', { textDocument }, uri],
        ['workspace/symbol', { query: 'x' }, undefined],
        ['textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version: 1, text: '' } }, undefined]
    ])('%s: %s', (method, params, expected) => {
        expect(requestedDocument(method, params)).toBe(expected);
    });
});
