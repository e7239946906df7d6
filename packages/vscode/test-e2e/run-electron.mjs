// Launcher 2: the same suite through @vscode/test-electron, on a desktop VS Code named by
// VSCODE_EXECUTABLE (test-electron would otherwise download one, which needs the internet).
import path from 'node:path';
import { PKG, RESULTS, SUITE, ensureBuilt, log, prepareUserData, prepareWorkspace, timed } from './common.mjs';

export async function runSuiteInElectron() {
    const executable = process.env.VSCODE_EXECUTABLE;
    if (!executable) throw new Error('VSCODE_EXECUTABLE is not set: name a VS Code (code or Code.exe) to run the suite in');
    const { runTests } = await import('@vscode/test-electron');
    timed('build check', () => ensureBuilt());
    const ws = prepareWorkspace();
    const home = prepareUserData(path.join(RESULTS, 'electron-home'));
    try {
        await timed('extension tests', () => runTests({
            vscodeExecutablePath: executable,
            extensionDevelopmentPath: PKG,
            extensionTestsPath: SUITE,
            launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(home, 'data'),
                '--extensions-dir', path.join(home, 'ext'), '--skip-welcome', '--skip-release-notes']
        }));
        return true;
    } catch (error) {
        log(`extension tests failed: ${error instanceof Error ? error.message : error}`);
        return false;
    }
}

if (import.meta.url === `file://${process.argv[1]}`) {
    runSuiteInElectron().then(ok => process.exit(ok ? 0 : 1), error => { console.error(error); process.exit(1); });
}
