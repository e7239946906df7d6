/**
 * Benchmark 1: parse + link + validate a 10,000-line playbook (PRODUCT.md: "well under a
 * second"), cold (first document in the process) and warm (median of N, fresh services
 * each time), split into phases; beside two floors over the same facts:
 *
 * - JSON.parse of the plain model (playbookToModel / dealToModel, JSON.stringify'd): the
 *   least any tool must do to read those facts;
 * - YAML.parse + an ajv JSON-Schema check of the same facts: what a team would do without
 *   Playbook (and it checks far less: shapes only, no names, order, types or deal replay).
 *
 * Also: a re-check of a 5,000-line file after a one-character edit, in one set of services
 * (the editor's keystroke path without the language-server transport), for the "50 ms of a
 * keystroke on a 5,000-line file" target.
 *
 * Env: BENCH_LINES (10000), BENCH_RUNS (warm runs, 15), BENCH_YAML_RUNS (warm runs of the
 * YAML floor, 3: it takes about a second each).
 */
import { readFileSync } from 'node:fs';
import { ast, dealToModel, playbookToModel } from '@playbook/language';
import Ajv from 'ajv';
import { URI } from 'langium';
import YAML from 'yaml';
import { generatePlaybook } from './generate-playbook.mjs';
import { assertClean, freshServices, measureCheck } from './measure-check.mjs';
import { BenchmarkInvalid, envInt, gc, heapUsedMB, log, median, now, round, runAsScript } from './lib.mjs';

const SCHEMA = JSON.parse(readFileSync(new URL('./playbook-facts.schema.json', import.meta.url), 'utf8'));

/** The facts of a validated document as plain JSON-shaped data. */
export function factsOf(document) {
    const elements = document.parseResult.value.elements;
    return {
        playbooks: elements.filter(ast.isPlaybook).map(playbookToModel),
        deals: elements.filter(ast.isDeal).map(deal => dealToModel(deal).model)
    };
}

const summarize = runs => Object.fromEntries(Object.keys(runs[0]).map(key => [key, round(median(runs.map(r => r[key])), 2)]));

export async function main() {
    const targetLines = envInt('BENCH_LINES', 10000);
    const warmRuns = envInt('BENCH_RUNS', 15);
    const generated = generatePlaybook(targetLines);
    const lines = generated.text.split('\n').length;
    log(`validate: ${lines} lines, ${generated.stages} stages, ${(generated.text.length / 1024).toFixed(0)} KB; 1 cold + ${warmRuns} warm runs`);

    // Cold: the first document of the process (code not yet optimised), services built just before.
    const cold = freshServices();
    const first = await measureCheck(cold.services, generated.text);
    const clean = assertClean(first.result, `The generated ${lines}-line playbook`);
    const facts = factsOf(first.result.document);
    if (facts.playbooks.length !== 1 || facts.deals.length < 3) {
        throw new BenchmarkInvalid(`Expected one playbook and some deals, found ${facts.playbooks.length} and ${facts.deals.length}.`);
    }
    const events = facts.deals.reduce((n, d) => n + d.events.length, 0);

    // Warm: fresh services (and a fresh document) each time, so no cache of a previous run helps.
    const warm = [];
    const serviceMs = [];
    for (let i = 0; i < warmRuns; i++) {
        gc();
        const fresh = freshServices();
        serviceMs.push(fresh.ms);
        const run = await measureCheck(fresh.services, generated.text);
        if (i === 0) assertClean(run.result, 'A warm run');
        warm.push(run.phases);
    }
    const lexerMs = [];
    {
        const { services } = freshServices();
        for (let i = 0; i < warmRuns; i++) {
            const start = now();
            services.Playbook.parser.Lexer.tokenize(generated.text);
            lexerMs.push(now() - start);
        }
    }
    const warmMedian = summarize(warm);
    log(`validate: cold ${first.phases.total.toFixed(0)} ms, warm median ${warmMedian.total} ms`);

    // Floor 1: JSON.parse of the same facts.
    const json = JSON.stringify(facts);
    const jsonMs = [];
    for (let i = 0; i < Math.max(warmRuns, 20); i++) {
        const start = now();
        const parsed = JSON.parse(json);
        jsonMs.push(now() - start);
        if (parsed.playbooks.length !== 1) throw new BenchmarkInvalid('JSON round trip lost the playbook');
    }

    // Floor 2: YAML + JSON Schema (ajv), what a team would do without this tool.
    const yamlText = YAML.stringify(facts);
    const yamlRuns = [];
    let validateFacts;
    const yamlWarmRuns = envInt('BENCH_YAML_RUNS', 3);
    for (let i = 0; i <= yamlWarmRuns; i++) {
        gc();
        const start = now();
        if (i === 0) validateFacts = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(SCHEMA);   // compiled once, in the cold run
        const compiled = now();
        const data = YAML.parse(yamlText);
        const parsed = now();
        const valid = validateFacts(data);
        const end = now();
        if (!valid) throw new BenchmarkInvalid(`The facts do not match bench/playbook-facts.schema.json: ${JSON.stringify(validateFacts.errors.slice(0, 3))}`);
        yamlRuns.push({ compile: compiled - start, parse: parsed - compiled, validate: end - parsed, total: end - start });
    }
    const yamlWarm = summarize(yamlRuns.slice(1).map(({ compile, ...rest }) => rest));

    // The editor's keystroke path, approximated: one set of services, a 5,000-line file, one
    // character changed per run; the old version is removed and the new one checked in full
    // (Langium re-parses a changed document completely).
    const editLines = Math.round(targetLines / 2);
    const editText = generatePlaybook(editLines).text;
    const editor = freshServices().services;
    const editUri = 'file:///bench/edited.playbook';
    const editMs = [];
    for (let i = 0; i <= warmRuns; i++) {
        const text = editText.replace('title "Generated playbook', `title "Generated playbook ${'x'.repeat(i % 3)}`);
        const start = now();
        if (i > 0) await editor.shared.workspace.DocumentBuilder.update([], [URI.parse(editUri)]);
        const run = await measureCheck(editor, text, editUri);
        if (i === 0) assertClean(run.result, `The generated ${editLines}-line playbook`);
        else editMs.push(now() - start);
    }

    return {
        name: 'validate',
        input: { lines, stages: generated.stages, bytes: generated.text.length, deals: facts.deals.length, dealEvents: events, warmRuns },
        diagnostics: clean,
        createServicesMs: { cold: round(cold.ms, 2), warm: round(median(serviceMs), 2) },
        coldMs: Object.fromEntries(Object.entries(first.phases).map(([k, v]) => [k, round(v, 2)])),
        warmMedianMs: warmMedian,
        warmMinTotalMs: round(Math.min(...warm.map(w => w.total)), 2),
        lexerMedianMs: round(median(lexerMs), 2),
        floors: {
            jsonParse: { bytes: json.length, medianMs: round(median(jsonMs), 3) },
            yamlAjv: {
                bytes: yamlText.length,
                lines: yamlText.split('\n').length,
                coldMs: Object.fromEntries(Object.entries(yamlRuns[0]).map(([k, v]) => [k, round(v, 2)])),
                warmMedianMs: yamlWarm,
                warmRuns: yamlWarmRuns
            }
        },
        ratios: {
            warmVsJsonParse: round(warmMedian.total / median(jsonMs), 1),
            coldVsJsonParse: round(first.phases.total / median(jsonMs), 1),
            warmVsYamlAjv: round(warmMedian.total / yamlWarm.total, 2)
        },
        edit: { lines: editText.split('\n').length, medianMs: round(median(editMs), 2), maxMs: round(Math.max(...editMs), 2) },
        heapAfterMB: round(heapUsedMB())
    };
}

await runAsScript(import.meta.url, main);
