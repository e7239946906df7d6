/**
 * Through the real stdio server: the server asks to be told of setting changes
 * (`client/registerCapability` for `workspace/didChangeConfiguration`) only of a client that
 * accepts dynamic registration of it; Neovim and Emacs do not, and log a warning for the
 * request. The settings are pulled (`workspace/configuration`) from every client that can
 * answer, and applied.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StdioServer } from '../stdio-server.js';

const URI = 'file:///configuration/a.playbook';
const TEXT = `playbook Settings {
  field unused: money
  stage A
  stage B
}`;

/** The editor's `playbook` settings, as the client answers `workspace/configuration`. */
const SETTINGS = { severityOverrides: { 'unused-field': 'off', 'missing-gate': 'error' } };

interface Registration { method: string }

let server: StdioServer | undefined;
afterEach(async () => {
    await server?.stop();
    server = undefined;
});

function configurationRegistrations(running: StdioServer): Registration[] {
    return running.serverRequests
        .filter(r => r.method === 'client/registerCapability')
        .flatMap(r => (r.params as { registrations: Registration[] }).registrations)
        .filter(r => r.method === 'workspace/didChangeConfiguration');
}

/** [the client, its `capabilities.workspace`, whether it gets the registration]. */
const clients: Array<[string, Record<string, unknown>, boolean]> = [
    ['Neovim (no didChangeConfiguration capability)', { configuration: true }, false],
    ['Emacs (dynamicRegistration false)', { configuration: true, didChangeConfiguration: { dynamicRegistration: false } }, false],
    ['VS Code (dynamicRegistration true)', { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, true]
];

describe('the settings of a client', () => {
    it.each(clients)('%s: registered for changes only when it accepts that, settings pulled and applied', async (_client, workspace, registers) => {
        server = await StdioServer.start(
            { capabilities: { workspace, textDocument: { publishDiagnostics: {} } } },
            { 'workspace/configuration': () => [SETTINGS] }
        );
        // Langium asks for the registration before it pulls the settings: once the pull is
        // here, a registration would be too.
        const running = server;
        await running.waitFor(() => running.serverRequests.find(r => r.method === 'workspace/configuration'), 'workspace/configuration request');
        expect(configurationRegistrations(running).length).toBe(registers ? 1 : 0);

        running.open(URI, TEXT);
        const published = await running.nextDiagnostics(URI, d => !d.diagnostics.some(x => x.code === 'unused-field'));
        expect(published.diagnostics.map(d => [d.code, d.severity])).toEqual([['missing-gate', 1]]);
    }, 90_000);

    it('a client that cannot answer workspace/configuration is neither asked nor registered', async () => {
        server = await StdioServer.start({ capabilities: { workspace: { didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: {} } } });
        server.open(URI, TEXT);
        const published = await server.nextDiagnostics(URI);
        expect(published.diagnostics.map(d => d.code).sort()).toEqual(['missing-gate', 'unused-field']);
        expect(server.serverRequests.map(r => r.method)).not.toContain('workspace/configuration');
        expect(configurationRegistrations(server)).toEqual([]);
    }, 90_000);
});
