/**
 * Where the time goes: profiles the warm path of a benchmark with V8's sampling profiler
 * (node:inspector, the same data as `node --cpu-prof`) and prints self time by function,
 * by file and by package. Not part of `npm run bench`; run it when a target is missed:
 *
 *   node bench/profile.mjs validate [lines]     # parse + link + validate, warm
 *   node bench/profile.mjs parse [lines]        # the parser alone, warm
 *   node bench/profile.mjs simulate [deals]     # deal replay
 *   node bench/profile.mjs file X.cpuprofile    # summarise a profile from `node --cpu-prof`
 *
 * PROFILE_TOTAL=n lists n functions by total time; PROFILE_FILTER=text only those whose
 * name or file contains the text (e.g. PROFILE_FILTER=validation).
 *
 * Writes the raw profile to bench/results/<what>.cpuprofile (open it in Chrome DevTools
 * or https://www.speedscope.app for a flame graph).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { generatePlaybook } from './generate-playbook.mjs';
import { freshServices, measureCheck } from './measure-check.mjs';

const what = process.argv[2] ?? 'validate';
const size = what === 'file' ? 0 : Number(process.argv[3] ?? (what === 'simulate' ? 200000 : 10000));

async function scenario() {
    if (what === 'simulate') {
        const { prepareSimulation, replayBatches } = await import('./simulate.mjs');
        const prepared = await prepareSimulation();
        replayBatches(prepared, 20000, { floor: false });              // warm-up
        return () => replayBatches(prepared, size, { floor: false });
    }
    const { text } = generatePlaybook(size);
    if (what === 'parse') {
        const { services } = freshServices();
        const parser = services.Playbook.parser.LangiumParser;
        for (let i = 0; i < 3; i++) parser.parse(text);
        return () => { for (let i = 0; i < 10; i++) parser.parse(text); };
    }
    for (let i = 0; i < 3; i++) await measureCheck(freshServices().services, text);
    return async () => { for (let i = 0; i < 10; i++) await measureCheck(freshServices().services, text); };
}

async function record() {
    const run = await scenario();
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    await run();
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const out = fileURLToPath(new URL('./results/', import.meta.url));
    mkdirSync(out, { recursive: true });
    writeFileSync(`${out}${what}.cpuprofile`, JSON.stringify(profile));
    return profile;
}

// `node bench/profile.mjs file X.cpuprofile` summarises a profile written by `node --cpu-prof`
// (e.g. of the CLI: node --cpu-prof --cpu-prof-dir=bench/results packages/cli/bin/playbook.cjs check f).
const profile = what === 'file' ? JSON.parse(readFileSync(process.argv[3], 'utf8')) : await record();

// Self time per node = samples × interval; aggregate by function, file and package.
const counts = new Map();
profile.samples.forEach(id => counts.set(id, (counts.get(id) ?? 0) + 1));
const total = profile.samples.length;
const byFunction = new Map(), byFile = new Map(), byPackage = new Map();
const add = (map, key, n) => map.set(key, (map.get(key) ?? 0) + n);
for (const node of profile.nodes) {
    const n = counts.get(node.id) ?? 0;
    if (!n) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url ? url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '~/').replace(/.*\/packages\//, 'packages/') : `(${functionName || 'native'})`;
    const pkg = file.startsWith('~/') ? file.split('/').slice(1, file.split('/')[1].startsWith('@') ? 3 : 2).join('/')
        : file.startsWith('packages/') ? file.split('/').slice(0, 2).join('/') : file.startsWith('(') ? file : 'other';
    add(byFunction, `${functionName || '(anonymous)'}  ${file}:${lineNumber + 1}`, n);
    add(byFile, file, n);
    add(byPackage, pkg, n);
}
// Total (inclusive) time: each sample counts once for every distinct function on its stack.
const parent = new Map();
profile.nodes.forEach(node => (node.children ?? []).forEach(child => parent.set(child, node.id)));
const nodeById = new Map(profile.nodes.map(node => [node.id, node]));
const label = node => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '~/').replace(/.*\/packages\//, 'packages/');
    return `${functionName || '(anonymous)'}  ${file}:${lineNumber + 1}`;
};
const inclusive = new Map();
for (const [id, n] of counts) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
        const node = nodeById.get(at);
        if (!node.callFrame.url) continue;
        const key = label(node);
        if (!seen.has(key)) { seen.add(key); add(inclusive, key, n); }
    }
}
const print = (title, map, limit) => {
    console.log(`\n${title}`);
    [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)
        .forEach(([key, n]) => console.log(`${(100 * n / total).toFixed(1).padStart(6)}%  ${key}`));
};
console.log(what === 'file' ? `${process.argv[3]}: ${total} samples` : `${what}: ${total} samples of 0.1 ms; raw profile in bench/results/${what}.cpuprofile`);
print('By package', byPackage, 12);
print('By file', byFile, 20);
print('By function (self time)', byFunction, 30);
// PROFILE_FILTER=validation lists only the functions whose label contains that text.
const filter = process.env.PROFILE_FILTER;
const shown = filter ? new Map([...inclusive].filter(([key]) => key.includes(filter))) : inclusive;
print(`By function (total time, including what it calls)${filter ? `, matching "${filter}"` : ''}`, shown, Number(process.env.PROFILE_TOTAL ?? 60));
