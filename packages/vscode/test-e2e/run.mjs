// `npm run test:e2e`: picks the launcher that can run here.
//   VSCODE_EXECUTABLE set        → @vscode/test-electron on that VS Code (the suite only);
//   otherwise (or --code-server) → VS Code's server from code-server + Debian Chromium: the suite,
//                                  then the .vsix installed into code-server and the diagram and simulation screenshots.
// Options: --launcher=electron|code-server, --no-screenshot, --build (rebuild bundle and .vsix first).
import { log, timed } from './common.mjs';

const argv = process.argv.slice(2);
const wanted = argv.find(a => a.startsWith('--launcher='))?.split('=')[1] ?? (process.env.VSCODE_EXECUTABLE ? 'electron' : 'code-server');
if (argv.includes('--build')) process.env.PLAYBOOK_E2E_BUILD = '1';

const start = Date.now();
let ok;
if (wanted === 'electron') {
    const { runSuiteInElectron } = await import('./run-electron.mjs');
    ok = await runSuiteInElectron();
} else if (wanted === 'code-server') {
    if (process.platform !== 'linux') {
        log('the code-server route is scripted for Linux (Debian chromium); set VSCODE_EXECUTABLE to use @vscode/test-electron');
        process.exit(2);
    }
    const { runSuiteInCodeServer } = await import('./run-code-server.mjs');
    ok = await timed('suite in VS Code server', () => runSuiteInCodeServer());
    if (!argv.includes('--no-screenshot')) {
        const { runScreenshot, EDITOR_SHOTS, SCREENSHOT, DIAGRAM_SHOTS, SIMULATION_SHOTS } = await import('./screenshot.mjs');
        const shot = await timed('vsix in code-server + screenshot', () => runScreenshot());
        log(`screenshots: ${[...EDITOR_SHOTS, SCREENSHOT, ...DIAGRAM_SHOTS, ...SIMULATION_SHOTS].join(', ')}`);
        ok = ok && shot;
    }
} else {
    log(`unknown launcher ${wanted}`);
    process.exit(2);
}
log(`e2e ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - start) / 1000).toFixed(1)} s (launcher: ${wanted})`);
process.exit(ok ? 0 : 1);
