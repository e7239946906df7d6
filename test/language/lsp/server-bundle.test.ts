/**
 * The bundles hold one copy of the JSON-RPC library. With two, the connection checked
 * `instanceof ResponseError` against its own copy while Langium threw the other's, and every
 * error response (a cancelled request, an unknown document) went out as a result.
 *
 * And they are ASCII: one character beyond Latin-1 (a curly quote in a regular expression,
 * which the bundler leaves as it is) makes V8 keep the whole source two bytes a character, a
 * megabyte more in every server and in the command's start-up snapshot.
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

function readBundle(bundle: string): string {
    const file = resolve(root, bundle);
    if (!existsSync(file)) {
        throw new Error(`${bundle} is missing: run \`npm run build\` first.`);
    }
    return readFileSync(file, 'utf8');
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
        const text = readBundle(bundle);
        for (const mark of MARKS) {
            expect(occurrences(jsonRpcSource, mark), mark).toBeGreaterThan(0);
            expect(occurrences(text, mark), mark).toBe(occurrences(jsonRpcSource, mark));
        }
    });

    it('is ASCII only', () => {
        const text = readBundle(bundle);
        const beyond = /[^\x00-\x7f]/.exec(text);
        expect(beyond && JSON.stringify(text.slice(Math.max(0, beyond.index - 60), beyond.index + 20))).toBeNull();
    });
});
