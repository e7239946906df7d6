/**
 * The server's log says what went wrong in words; stack traces go only to a verbose trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeError, logLine } from '../../../../packages/language/src/lsp/logging/log-in-words.js';
import { StdioServer } from '../stdio-server.js';

function systemError(code: string, message: string): Error {
    return Object.assign(new Error(message), { code });
}

describe('an error in words', () => {
    it.each<[unknown, string]>([
        [systemError('ENOENT', "ENOENT: no such file or directory, scandir '/gone'"), 'it does not exist'],
        [systemError('EACCES', 'EACCES: permission denied, open'), 'permission denied'],
        [systemError('EWHATEVER', 'something odd'), 'something odd'],
        [new TypeError("Cannot read properties of undefined (reading 'name')"), "Cannot read properties of undefined (reading 'name')"],
        ['a plain string', 'a plain string'],
        [{ code: 7 }, '{ code: 7 }']
    ])('%s → %s', (error, words) => {
        expect(describeError(error)).toBe(words);
    });

    it('a log line keeps the stacks apart, for the trace', () => {
        const error = new Error('boom');
        const line = logLine(['Reparsing failed; parsing the whole document instead:', error]);
        expect(line.message).toBe('Reparsing failed; parsing the whole document instead: boom');
        expect(line.details).toBe(error.stack);
        expect(logLine(['nothing wrong', 3])).toEqual({ message: 'nothing wrong 3', details: undefined });
    });

    it("rephrases Langium's unreadable folder", () => {
        const line = logLine(['Failure to read directory content of file:///gone/folder', systemError('ENOENT', 'ENOENT: no such file')]);
        expect(line.message).toBe('Could not read the folder /gone/folder: it does not exist.');
    });
});

describe('the log of the language server over stdio', () => {
    it('says that a workspace folder is missing, without a stack trace; the stack is in the verbose trace', async () => {
        const parent = mkdtempSync(join(tmpdir(), 'playbook-log-'));
        const missing = join(parent, 'deleted-folder');
        try {
            const folder = pathToFileURL(missing).toString();
            const server = await StdioServer.start({ rootUri: folder, workspaceFolders: [{ uri: folder, name: 'deleted' }], trace: 'verbose' });
            try {
                const logged = await server.waitFor(() => server.logMessages.find(m => m.includes('deleted-folder')), 'a log line about the folder');
                expect(logged).toBe(`Could not read the folder ${missing}: it does not exist.`);
                const trace = await server.waitFor(() => server.notifications.find(n => n.method === '$/logTrace')?.params as { message: string; verbose?: string } | undefined, 'a trace');
                expect(trace.message).toBe(logged);
                expect(trace.verbose).toMatch(/ENOENT[\s\S]*\n\s+at /);
                // The server works on: a document opened afterwards is checked.
                const checked = server.nextDiagnostics('file:///tmp/after-log.playbook');
                server.open('file:///tmp/after-log.playbook', 'playbook P { stage A }');
                expect((await checked).diagnostics).toEqual([]);
                expect(server.logMessages.filter(m => /\n\s+at /.test(m))).toEqual([]);
                expect(await server.stop()).toBe(0);
            } finally {
                server.kill();
            }
        } finally {
            rmSync(parent, { recursive: true, force: true });
        }
    }, 30_000);
});
