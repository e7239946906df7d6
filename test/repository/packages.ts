/**
 * The repository's publishable packages as a user gets them: each workspace package that is
 * not private, packed by `npm pack` into a tarball, and installed from the tarballs into a new
 * folder outside the repository (no workspace, no links), with npm's cache preferred to the
 * registry.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../cli/cli-helpers.js';

export interface PackageManifest {
    name: string;
    version: string;
    private?: boolean;
    license?: string;
    repository?: { type: string; url: string; directory?: string };
    engines?: { node?: string };
    main?: string;
    types?: string;
    bin?: Record<string, string>;
    files?: string[];
    exports?: Record<string, string | Record<string, string>>;
    dependencies?: Record<string, string>;
    scripts?: Record<string, string>;
}

export interface WorkspacePackage {
    /** Its folder, relative to the repository's root (`packages/cli`). */
    folder: string;
    manifest: PackageManifest;
}

export interface PackedPackage extends WorkspacePackage {
    /** The tarball's absolute path. */
    tarball: string;
    /** Every file in the tarball, relative to the package's root (`bin/playbook.cjs`). */
    files: string[];
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** The workspace packages the root package.json lists. */
export function workspacePackages(): WorkspacePackage[] {
    const { workspaces = [] } = readJson<{ workspaces?: string[] }>(path.join(repoRoot, 'package.json'));
    return workspaces.map(folder => ({ folder, manifest: readJson<PackageManifest>(path.join(repoRoot, folder, 'package.json')) }));
}

/** The workspace packages a user can install: those that are not private. */
export function publishablePackages(): WorkspacePackage[] {
    return workspacePackages().filter(pkg => !pkg.manifest.private);
}

/**
 * The environment of npm run by a test: the test's own Node first on PATH (npm and the
 * packages' scripts run on it, as they would for a user who has only that Node), and none of
 * the `npm_*` variables that `npm test` sets, which would point npm at this repository; npm's
 * cache, registry and configuration files are kept.
 */
export function npmEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig', 'npm_config_globalconfig']);
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (key.toLowerCase().startsWith('npm_') && !keep.has(key.toLowerCase())) continue;
        if (key === 'NODE_OPTIONS' || key.startsWith('PLAYBOOK_')) continue;
        env[key] = value;
    }
    env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;
    return { ...env, ...extra };
}

/** Runs a command to its end; `npm` and `npx` are found on PATH, as a user's shell finds them. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = npmEnvironment(), input?: string): SpawnSyncReturns<string> {
    return spawnSync(command, args, { cwd, env, input, encoding: 'utf8', timeout: 240_000 });
}

export function describeRun(command: string, args: string[], result: SpawnSyncReturns<string>): string {
    return `${command} ${args.join(' ')} → exit ${result.status ?? result.signal}${result.error ? ` (${result.error.message})` : ''}\n${result.stdout}\n${result.stderr}`;
}

/** Packs every publishable package into `destination`, with the list of files in each tarball. */
export function packAll(destination: string): PackedPackage[] {
    mkdirSync(destination, { recursive: true });
    const packages = publishablePackages();
    const args = ['pack', '--json', '--pack-destination', destination, ...packages.flatMap(pkg => ['--workspace', pkg.folder])];
    const packed = run('npm', args, repoRoot);
    if (packed.status !== 0) {
        throw new Error(describeRun('npm', args, packed));
    }
    // npm prints the JSON after any notices of the packages' scripts.
    const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
    return packages.map(pkg => {
        const entry = report.find(item => item.name === pkg.manifest.name);
        if (!entry) {
            throw new Error(`npm pack did not pack ${pkg.manifest.name}: ${packed.stdout}`);
        }
        return { ...pkg, tarball: path.join(destination, path.basename(entry.filename)), files: entry.files.map(file => file.path) };
    });
}

/**
 * The tarballs that installing `name` needs from this repository: its own and those of the
 * repository's packages it depends on, transitively (they are not on the registry yet).
 */
export function tarballsFor(name: string, packed: PackedPackage[]): string[] {
    const byName = new Map(packed.map(pkg => [pkg.manifest.name, pkg]));
    const needed = new Set<string>();
    const visit = (current: string): void => {
        const pkg = byName.get(current);
        if (!pkg || needed.has(current)) return;
        needed.add(current);
        Object.keys(pkg.manifest.dependencies ?? {}).forEach(visit);
    };
    visit(name);
    return [...needed].map(each => byName.get(each)!.tarball);
}

/**
 * A new project folder (`npm init`'s package.json) with these tarballs installed by
 * `npm install <tarballs>`, as a user installs a package, npm's cache preferred to the network.
 */
export function installedProject(folder: string, tarballs: string[], installOptions: string[] = []): string {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'sales-process', version: '1.0.0', private: true }, null, 2) + '\n');
    const args = ['install', '--prefer-offline', '--no-audit', '--no-fund', ...installOptions, ...tarballs];
    const installed = run('npm', args, folder);
    if (installed.status !== 0 || !existsSync(path.join(folder, 'node_modules'))) {
        throw new Error(describeRun('npm', args, installed));
    }
    return folder;
}
