/**
 * One parse + link + validate of a text through the language package's own entry point
 * (`validateTexts`, what the CLI and the tests use), split into Langium's build phases.
 *
 * - parse: from the call until the DocumentBuilder starts (the document factory parses the
 *   text when it creates the document);
 * - index: IndexedContent + ComputedScopes (exported and local symbols);
 * - link: Linked (resolving every reference through the scope provider);
 * - refs: IndexedReferences (the reference index behind find-references; a CLI could skip it);
 * - validate: Validated (every check, including the replay of the deals in the text);
 * - gc: garbage-collection pauses during all of these (included in them, not added); also
 *   returned per phase (`gcByPhase`), to tell a phase's own cost from the heap's.
 */
import { createPlaybookServices, validateTexts } from '@playbook/language';
import { DocumentState } from 'langium';
import { PerformanceObserver } from 'node:perf_hooks';
import { BenchmarkInvalid, now } from './lib.mjs';

const PHASES = [
    ['index', DocumentState.ComputedScopes],
    ['link', DocumentState.Linked],
    ['refs', DocumentState.IndexedReferences],
    ['validate', DocumentState.Validated]
];

let counter = 0;

/** Fresh core services with the parser already built (so that building it is not counted as parsing). */
export function freshServices() {
    const start = now();
    const services = createPlaybookServices();
    void services.Playbook.parser.LangiumParser;
    void services.shared.workspace.DocumentBuilder;
    return { services, ms: now() - start };
}

/** Times one `validateTexts` of `text` in `services`; returns phase times in ms and the result. */
export async function measureCheck(services, text, uri = `file:///bench/generated-${counter++}.playbook`) {
    const builder = services.shared.workspace.DocumentBuilder;
    const marks = {};
    const disposables = PHASES.map(([name, state]) => builder.onBuildPhase(state, () => { marks[name] = now(); }));
    // Instance-level wrapper: the moment the builder starts is the moment parsing ended.
    const build = builder.build;
    builder.build = function (...args) {
        marks.parsed = now();
        return build.apply(this, args);
    };
    // Garbage collection during the check (V8 reports each pause; they are part of the phases).
    const pauses = [];
    const gcObserver = new PerformanceObserver(list => { for (const entry of list.getEntries()) pauses.push(entry); });
    gcObserver.observe({ entryTypes: ['gc'] });
    const start = now();
    const [result] = await validateTexts(services, [{ uri, text }]);
    const end = now();
    builder.build = build;
    disposables.forEach(d => d.dispose());
    await new Promise(resolve => setTimeout(resolve, 5));   // the observer hears of pauses on a later turn
    gcObserver.disconnect();
    // The listener of ComputedScopes fires after IndexedContent too; phases are differences of marks.
    const phases = {
        parse: marks.parsed - start,
        index: marks.index - marks.parsed,
        link: marks.link - marks.index,
        refs: marks.refs - marks.link,
        validate: marks.validate - marks.refs,
        total: end - start
    };
    // Pauses by the phase they began in (performance.now() and entry.startTime share an origin).
    const gcIn = (from, to) => pauses.filter(p => p.startTime >= from && p.startTime < to).reduce((sum, p) => sum + p.duration, 0);
    phases.gc = gcIn(start, end);
    const gcByPhase = {
        parse: gcIn(start, marks.parsed),
        index: gcIn(marks.parsed, marks.index),
        link: gcIn(marks.index, marks.link),
        refs: gcIn(marks.link, marks.refs),
        validate: gcIn(marks.refs, marks.validate),
        total: phases.gc
    };
    return { phases, gcByPhase, result };
}

/** Fails loudly when the text does not validate cleanly: the benchmark would measure error recovery instead. */
export function assertClean(result, what) {
    const diagnostics = result.diagnostics;
    const errors = diagnostics.filter(d => (d.severity ?? 1) === 1);
    if (errors.length > 0) {
        const sample = errors.slice(0, 5).map(d => `  line ${d.range.start.line + 1}: [${d.code}] ${d.message}`).join('\n');
        throw new BenchmarkInvalid(`${what} has ${errors.length} error(s); the generator or the language is broken:\n${sample}`);
    }
    const { lexerErrors, parserErrors } = result.document.parseResult;
    if (lexerErrors.length + parserErrors.length > 0) {
        throw new BenchmarkInvalid(`${what} has syntax errors that were not reported as diagnostics.`);
    }
    return { errors: 0, warnings: diagnostics.length - errors.length };
}
