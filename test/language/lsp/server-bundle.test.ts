/**
 * The bundles hold one copy of the JSON-RPC library. With two, the connection checked
 * `instanceof ResponseError` against its own copy while Langium threw the other's, and every
 * error response (a cancelled request, an unknown document) went out as a result.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

/** Messages written once in vscode-jsonrpc's connection: each copy in a bundle repeats them. */
const jsonRpcSource = readFileSync(
    resolve(dirname(createRequire(resolve(root, 'package.json')).resolve('vscode-jsonrpc')), 'connection.js'), 'utf8');
const MARKS = ['Unhandled method ', 'Processing message queue failed', 'Sending response for canceled message failed.'];

function occurrences(text: string, mark: string): number {
    return text.split(mark).length - 1;
}

describe.each([
    ['the language server', 'packages/language/dist/language-server.cjs'],
    ['the language server for browsers (a web worker)', 'packages/language/dist/language-server-worker.js'],
    ['the playground page, with the worker inside', 'packages/playground/dist/playground.js'],
    ['the language server in the VS Code extension', 'packages/vscode/dist/language-server.cjs'],
    ['the VS Code extension client', 'packages/vscode/dist/extension.cjs'],
    ['the command line', 'packages/cli/dist/playbook.cjs']
])('%s, as built', (_name, bundle) => {
    it('contains vscode-jsonrpc once', () => {
        const file = resolve(root, bundle);
        if (!existsSync(file)) {
            throw new Error(`${bundle} is missing: run \`npm run build\` first.`);
        }
        const text = readFileSync(file, 'utf8');
        for (const mark of MARKS) {
            expect(occurrences(jsonRpcSource, mark), mark).toBeGreaterThan(0);
            expect(occurrences(text, mark), mark).toBe(occurrences(jsonRpcSource, mark));
        }
    });
});
