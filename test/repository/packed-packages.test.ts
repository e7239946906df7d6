/**
 * What a user installs: each publishable package packed by `npm pack` and installed from its
 * tarball into a new folder outside the repository, where the commands the README gives work
 * (`npx --no-install playbook check`, `npx --no-install playbook-language-server --stdio`)
 * and every module a package exports imports. The installed `playbook` starts from its start-up
 * snapshot, which the package's postinstall builds for the Node that installs it, and works
 * without it when install scripts are not run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, GATE_NOT_MET, repoRoot, VALID } from '../cli/cli-helpers.js';
import { describeRun, installedProject, npmEnvironment, packAll, run, tarballsFor, workspacePackages, type PackedPackage } from './packages.js';

const CLI = '@playbook/cli';
const LANGUAGE = '@playbook/language';
const MODEL = '@playbook/model';

const FROM_SNAPSHOT = /^playbook: starting from snapshot .*node_modules[\\/]@playbook[\\/]cli[\\/]dist[\\/]/m;
const FROM_BUNDLE = /^playbook: no usable snapshot, loading the bundle$/m;

let work: string;
let packed: PackedPackage[];
/** Every tarball installed together, install scripts run (npm's default). */
let project: string;

beforeAll(() => {
    ensureBuilt();
    for (const file of ['packages/language/dist/language-server.cjs', 'packages/language/out/index.js']) {
        if (!existsSync(path.join(repoRoot, file))) {
            throw new Error(`${file} is missing: run \`npm run build\` first`);
        }
    }
    work = mkdtempSync(path.join(tmpdir(), 'playbook-packages-'));
    packed = packAll(path.join(work, 'tarballs'));
    project = installedProject(path.join(work, 'sales-process'), packed.map(pkg => pkg.tarball));
    writeFileSync(path.join(project, 'ok.playbook'), VALID);
    writeFileSync(path.join(project, 'deal.playbook'), GATE_NOT_MET);
    writeFileSync(path.join(project, 'history.csv'), 'deal,stage,date\nA,Lead,2026-01-01\nA,Offer,2026-01-05\nA,Won,2026-01-09\n');
    writeFileSync(path.join(project, 'ok-history.csv'), 'deal,stage,date\nD1,A,2026-01-01\nD1,B,2026-01-03\nD1,Won,2026-01-09\n');
});

afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
    it('are the CLI, the language server and every other public workspace package', () => {
        const names = packed.map(pkg => pkg.manifest.name);
        expect(names).toEqual(expect.arrayContaining([CLI, LANGUAGE]));
    });

    it('each hold the licence, a README and a manifest with licence, repository and engines', () => {
        const licence = readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8');
        for (const pkg of packed) {
            expect(pkg.files, pkg.manifest.name).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
            expect(readFileSync(path.join(repoRoot, pkg.folder, 'LICENSE'), 'utf8'), `${pkg.folder}/LICENSE`).toBe(licence);
            expect(pkg.manifest.license, pkg.manifest.name).toBe('MIT');
            expect(pkg.manifest.repository, pkg.manifest.name).toMatchObject({ type: 'git', directory: pkg.folder });
            expect(pkg.manifest.engines?.node, pkg.manifest.name).toBe('>=22');
        }
    });

    it('and the private ones (the VS Code extension) are under the repository\'s licence too, where they state one', () => {
        const licence = readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8');
        for (const pkg of workspacePackages()) {
            if (pkg.manifest.license !== undefined) expect(pkg.manifest.license, pkg.folder).toBe('MIT');
            const file = path.join(repoRoot, pkg.folder, 'LICENSE');
            if (existsSync(file)) expect(readFileSync(file, 'utf8'), `${pkg.folder}/LICENSE`).toBe(licence);
        }
    });

    it('each hold every file their manifest points to (bin, main, types, exports)', () => {
        for (const pkg of packed) {
            const { bin = {}, main, types, exports = {} } = pkg.manifest;
            const targets = [...Object.values(bin), main, types, ...Object.values(exports).flatMap(entry => typeof entry === 'string' ? [entry] : Object.values(entry))];
            for (const target of targets.filter((target): target is string => Boolean(target))) {
                expect(pkg.files, `${pkg.manifest.name}: ${target}`).toContain(path.posix.normalize(target));
            }
        }
    });

    it('hold no tests, TypeScript sources, source maps, build records or start-up snapshots', () => {
        for (const pkg of packed) {
            const unwanted = pkg.files.filter(file => /(^|\/)(test|tests|__tests__|src)\/|\.test\.|\.map$|(?<!\.d)\.ts$|\.tsbuildinfo$|\.blob$|snapshot\.json$/.test(file));
            expect(unwanted, pkg.manifest.name).toEqual([]);
        }
    });

    it('are those the README tells users to install, with the commands it tells them to run', () => {
        const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
        const installed = [...readme.matchAll(/npm install (?:-D |-g |--save-dev )?(@playbook\/[a-z-]+)/g)].map(match => match[1]);
        const commands = [...readme.matchAll(/npx (?:--no-install )?(playbook[a-z-]*)/g)].map(match => match[1]);
        expect(installed).toEqual(expect.arrayContaining([CLI, LANGUAGE]));
        expect(commands).toEqual(expect.arrayContaining(['playbook', 'playbook-language-server']));
        const names = packed.map(pkg => pkg.manifest.name);
        const bins = new Map(packed.flatMap(pkg => Object.entries(pkg.manifest.bin ?? {}).map(([bin, file]) => [bin, { pkg, file }] as const)));
        for (const name of installed) expect(names, `README installs ${name}`).toContain(name);
        for (const command of commands) {
            const bin = bins.get(command);
            expect(bin, `README runs ${command}`).toBeDefined();
            expect(bin!.pkg.files, `${command} in ${bin!.pkg.manifest.name}`).toContain(path.posix.normalize(bin!.file));
        }
    });
});

describe('installed from the tarballs into a new folder', () => {
    it('has no links into the repository', () => {
        const lock = JSON.parse(readFileSync(path.join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, { link?: boolean; resolved?: string }> };
        const links = Object.entries(lock.packages).filter(([, entry]) => entry.link || entry.resolved?.includes(repoRoot));
        expect(links).toEqual([]);
    });

    it('`npx --no-install playbook check` checks files, from the start-up snapshot', () => {
        const env = npmEnvironment({ PLAYBOOK_DEBUG: '1' });
        const ok = run('npx', ['--no-install', 'playbook', 'check', 'ok.playbook'], project, env);
        expect(ok.stdout, describeRun('npx', ['playbook', 'check', 'ok.playbook'], ok)).toBe('0 errors, 0 warnings in 1 file\n');
        expect(ok.status).toBe(0);
        expect(ok.stderr).toMatch(FROM_SNAPSHOT);
        const bad = run('npx', ['--no-install', 'playbook', 'check', 'deal.playbook', '--format', 'json'], project, env);
        expect(bad.status, describeRun('npx', ['playbook', 'check', 'deal.playbook'], bad)).toBe(1);
        expect((JSON.parse(bad.stdout) as Array<{ code: string }>).map(finding => finding.code)).toEqual(['gate-not-met']);
    });

    it('`npx --no-install playbook simulate` replays a CRM export, from the start-up snapshot too (it is in the main bundle)', () => {
        const args = ['--no-install', 'playbook', 'simulate', 'ok.playbook', '--deals', 'ok-history.csv', '--format', 'json'];
        const simulated = run('npx', args, project, npmEnvironment({ PLAYBOOK_DEBUG: '1' }));
        expect(simulated.status, describeRun('npx', args.slice(1), simulated)).toBe(0);
        expect(simulated.stderr).toMatch(FROM_SNAPSHOT);
        expect(JSON.parse(simulated.stdout)).toMatchObject({ summary: { deals: 1, dealsWithViolations: 0 } });
    });

    it('`npx --no-install playbook export` loads its command bundle from the package', () => {
        const exported = run('npx', ['--no-install', 'playbook', 'export', 'ok.playbook'], project);
        expect(exported.status, describeRun('npx', ['playbook', 'export', 'ok.playbook'], exported)).toBe(0);
        expect(JSON.parse(exported.stdout)).toMatchObject({ playbook: { name: 'P' } });
    });

    it('`npx --no-install playbook init` loads its command bundle from the package and drafts a playbook', () => {
        const drafted = run('npx', ['--no-install', 'playbook', 'init', '--from', 'history.csv'], project);
        expect(drafted.status, describeRun('npx', ['playbook', 'init', '--from', 'history.csv'], drafted)).toBe(0);
        expect(drafted.stdout).toMatch(/^playbook History \{$/m);
        expect([...drafted.stdout.matchAll(/^\s*stage (\S+) \{$/gm)].map(match => match[1])).toEqual(['Lead', 'Offer']);
    });

    it('`npx --no-install playbook calibrate` loads its command bundle (with its diff library) from the package', () => {
        const args = ['--no-install', 'playbook', 'calibrate', 'ok.playbook', '--deals', 'ok-history.csv', '--format', 'json'];
        const calibrated = run('npx', args, project);
        expect(calibrated.status, describeRun('npx', args.slice(1), calibrated)).toBe(0);
        expect(JSON.parse(calibrated.stdout)).toMatchObject({ calibration: { playbook: 'P', deals: { total: 1, won: 1 } }, write: null });
    });

    it('`npx --no-install playbook-language-server --stdio` answers initialize, reports a broken file and shuts down', async () => {
        const server = spawn('npx', ['--no-install', 'playbook-language-server', '--stdio'], { cwd: project, env: npmEnvironment() });
        let stderr = '';
        server.stderr.on('data', chunk => { stderr += chunk; });
        const exited = new Promise<number | null>(resolve => server.on('exit', code => resolve(code)));
        const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
        // The server's own requests (configuration, registrations) get an empty answer, as a plain editor gives.
        connection.onRequest(() => null);
        const uri = pathToFileURL(path.join(project, 'deal.playbook')).href;
        const diagnostics = new Promise<Array<{ code?: string }>>(resolve => {
            connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Array<{ code?: string }> }) => {
                if (params.uri === uri && params.diagnostics.length > 0) resolve(params.diagnostics);
            });
        });
        connection.listen();
        try {
            const initialized = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
                processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { textDocument: { publishDiagnostics: {} } }
            });
            expect(initialized.capabilities, stderr).toHaveProperty('textDocumentSync');
            await connection.sendNotification('initialized', {});
            await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version: 1, text: GATE_NOT_MET } });
            expect((await diagnostics).map(diagnostic => diagnostic.code)).toEqual(['gate-not-met']);
            expect(await connection.sendRequest('shutdown')).toBeNull();
            await connection.sendNotification('exit');
            expect(await exited, stderr).toBe(0);
        } finally {
            connection.dispose();
            server.kill();
        }
    });

    it('every module the packages export imports', () => {
        for (const pkg of packed) {
            for (const [subpath, target] of Object.entries(pkg.manifest.exports ?? {})) {
                const specifier = pkg.manifest.name + subpath.slice(1);
                const file = typeof target === 'string' ? target : target.default;
                // A JSON file (a schema, the manifest) imports as a JSON module.
                const attributes = file?.endsWith('.json') ? `, { with: { type: 'json' } }` : '';
                const script = `const m = await import(${JSON.stringify(specifier)}${attributes}); console.log(Object.keys(m).length);`;
                const imported = run(process.execPath, ['--input-type=module', '-e', script], project);
                expect(imported.status, describeRun('node', ['-e', script], imported)).toBe(0);
                expect(Number(imported.stdout), `${specifier} exports names`).toBeGreaterThan(0);
            }
        }
    });
});

/** The README code blocks that follow an `<!-- installed-example -->` line, each an ES module. */
function installedExamples(pkg: PackedPackage): string[] {
    const readme = readFileSync(path.join(repoRoot, pkg.folder, 'README.md'), 'utf8');
    return readme.split('<!-- installed-example -->').slice(1).map(after => {
        const block = /^```js\n([\s\S]*?)^```$/m.exec(after);
        if (!block) throw new Error(`${pkg.folder}/README.md: no js block after <!-- installed-example -->`);
        return block[1];
    });
}

describe('the packages\' README examples, run in the folder they are installed in', () => {
    it('run and print what they say', () => {
        const examples = packed.flatMap(pkg => installedExamples(pkg).map((code, index) => ({ name: `${pkg.manifest.name} example ${index + 1}`, code })));
        expect(examples.length).toBeGreaterThan(0);
        for (const example of examples) {
            const file = path.join(project, 'example.mjs');
            writeFileSync(file, example.code);
            const ran = run(process.execPath, [file], project);
            expect(ran.status, `${example.name}: ${describeRun('node', ['example.mjs'], ran)}`).toBe(0);
            expect(ran.stdout.trim(), example.name).not.toBe('');
        }
    });

    it('type-check against the packages\' declarations, as a strict TypeScript project would', () => {
        const examples = packed.flatMap(pkg => installedExamples(pkg).map((code, index) => ({ file: `example-${pkg.manifest.name.replace(/\W/g, '-')}-${index + 1}.mts`, code })));
        for (const example of examples) writeFileSync(path.join(project, example.file), example.code);
        writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({
            compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
            files: examples.map(example => example.file)
        }));
        const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
        const checked = run(process.execPath, [tsc, '-p', '.'], project);
        expect(checked.status, describeRun('tsc', ['-p', '.'], checked)).toBe(0);
    });
});

describe('installed without install scripts (`npm install --ignore-scripts`)', () => {
    it('`playbook check` still works, loading the bundle, as there is no snapshot', () => {
        const plain = installedProject(path.join(work, 'no-scripts'), tarballsFor(CLI, packed), ['--ignore-scripts']);
        writeFileSync(path.join(plain, 'deal.playbook'), GATE_NOT_MET);
        const checked = run('npx', ['--no-install', 'playbook', 'check', 'deal.playbook'], plain, npmEnvironment({ PLAYBOOK_DEBUG: '1' }));
        expect(checked.status, describeRun('npx', ['playbook', 'check', 'deal.playbook'], checked)).toBe(1);
        expect(checked.stdout).toContain('gate-not-met');
        expect(checked.stderr).toMatch(FROM_BUNDLE);
    });
});

describe.skipIf(!existsSync(path.join(repoRoot, 'packages/model/package.json')))('the model package installed alone', () => {
    it('imports without the parser: no Langium is installed with it', () => {
        const alone = installedProject(path.join(work, 'model-only'), tarballsFor(MODEL, packed));
        expect(existsSync(path.join(alone, 'node_modules/langium'))).toBe(false);
        const imported = run(process.execPath, ['--input-type=module', '-e', `const m = await import('${MODEL}'); console.log(Object.keys(m).length);`], alone);
        expect(imported.status, describeRun('node', ['-e', `import('${MODEL}')`], imported)).toBe(0);
        expect(Number(imported.stdout)).toBeGreaterThan(0);
    });
});
