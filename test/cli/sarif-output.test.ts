/** `--format sarif`: valid against the official SARIF 2.1.0 schema, and the right content. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { RULES_DOCUMENTATION_URL } from '@playbook/language';
import { IssueCodes } from '@playbook/model';
import { GATE_NOT_MET, playbook, repoRoot, tempTree, VALID } from './cli-helpers.js';

const require = createRequire(import.meta.url);
const cliPackage = require('../../packages/cli/package.json') as { version: string };
// ajv-formats is CommonJS whose module.exports is the plugin itself.
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/**
 * The official schema is draft-04, which Ajv 8 does not load; its only draft-04-specific keys
 * are `$schema` and `id` (see test/fixtures/schemas/README.md), so it is read as draft-07.
 */
function sarifValidator() {
    const schema = JSON.parse(readFileSync(`${repoRoot}test/fixtures/schemas/sarif-schema-2.1.0.json`, 'utf8')) as Record<string, unknown>;
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    const { id, ...rest } = schema;
    const draft07: Record<string, unknown> = { ...rest, $schema: 'http://json-schema.org/draft-07/schema#', $id: id };
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    return ajv.compile(draft07);
}

interface SarifResult {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }>;
}

function sarifOf(files: Record<string, string>, args: string[]) {
    const dir = tempTree(files);
    const result = playbook(['check', ...args, '--format', 'sarif'], { cwd: dir });
    return { dir, result, log: JSON.parse(result.stdout) };
}

describe('playbook check --format sarif', () => {
    const validate = sarifValidator();

    it('the schema check itself rejects a broken log', () => {
        expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
        expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    });

    it('is valid SARIF 2.1.0 for a file with an error, with a relative location and a 1-based region', () => {
        const { dir, result, log } = sarifOf({ 'deal.playbook': GATE_NOT_MET }, ['deal.playbook']);
        expect(result.code).toBe(1);
        expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
        expect(log.version).toBe('2.1.0');
        const [run] = log.runs;
        const driver = run.tool.driver;
        expect(driver.name).toBe('playbook');
        expect(driver.version).toBe(cliPackage.version);
        // No informationUri: the project has no public address to point at yet (it is optional).
        expect(driver.informationUri).toBeUndefined();
        const ruleIds = driver.rules.map((r: { id: string }) => r.id);
        expect(ruleIds).toContain('gate-not-met');
        expect(ruleIds).toContain('stage-skip');
        for (const rule of driver.rules) {
            expect(rule.shortDescription.text.length).toBeGreaterThan(10);
        }
        expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(dir).href + '/');
        expect(run.results).toHaveLength(1);
        const r = run.results[0] as SarifResult;
        expect(r.ruleId).toBe('gate-not-met');
        expect(driver.rules[r.ruleIndex].id).toBe('gate-not-met');
        expect(r.level).toBe('error');
        expect(r.message.text).toMatch(/task T is not done/);
        expect(r.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'deal.playbook', uriBaseId: '%SRCROOT%' });
        expect(r.locations[0].physicalLocation.region).toEqual({ startLine: 8, startColumn: 20, endLine: 8, endColumn: 21 });
    });

    it('is valid with no results, and maps warnings and infos to warning and note', () => {
        const clean = sarifOf({ 'ok.playbook': VALID }, ['ok.playbook']);
        expect(clean.result.code).toBe(0);
        expect(validate(clean.log), JSON.stringify(validate.errors)).toBe(true);
        expect(clean.log.runs[0].results).toEqual([]);

        const text = VALID.replace('field budget: money', 'field budget: money\n  field notes: text').replace('task T required', 'task T required  task Extra');
        const { log } = sarifOf({ 'w.playbook': text }, ['w.playbook']);
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        const levels = Object.fromEntries((log.runs[0].results as SarifResult[]).map(r => [r.ruleId, r.level]));
        expect(levels).toEqual({ 'unused-field': 'warning', 'unused-task': 'note' });
    });

    it('percent-encodes file names into relative URIs (spaces, non-ASCII, folders)', () => {
        const { log } = sarifOf({ 'my deals/商机 #1.playbook': GATE_NOT_MET }, ['my deals']);
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        const location = (log.runs[0].results as SarifResult[])[0].locations[0].physicalLocation.artifactLocation;
        expect(location.uri).toBe('my%20deals/%E5%95%86%E6%9C%BA%20%231.playbook');
        expect(decodeURIComponent(location.uri)).toBe('my deals/商机 #1.playbook');
    });

    it('describes every rule from its page in docs/rules: summary, full description, help and helpUri', () => {
        const { log } = sarifOf({ 'ok.playbook': VALID }, ['ok.playbook']);
        const rules = log.runs[0].tool.driver.rules as Array<Record<string, any>>;
        const codes = Object.values(IssueCodes);
        expect(rules.map(r => r.id).sort()).toEqual([...codes].sort());
        for (const code of codes) {
            const page = readFileSync(`${repoRoot}docs/rules/${code}.md`, 'utf8');
            const rule = rules.find(r => r.id === code)!;
            expect(page.split('\n\n')[1]).toBe(rule.shortDescription.text);
            expect(rule.helpUri).toBe(`${RULES_DOCUMENTATION_URL}${code}.md`);
            expect(rule.help.markdown).toBe(page);
            expect(rule.help.text).toContain(rule.helpUri);
            expect(page).toContain(rule.fullDescription.markdown);
            // Plain text: no Markdown marks, the page's wrapped lines joined (paragraphs kept apart).
            expect(rule.fullDescription.text).not.toMatch(/[`*]|[^\n]\n[^\n]/);
            const severity = /- \*\*Severity\*\*: (\w+)/.exec(page)![1];
            expect(rule.defaultConfiguration.level).toBe(severity === 'info' ? 'note' : severity);
        }
    });

    it('is valid for many findings of many kinds (the invalid fixtures)', () => {
        const result = playbook(['check', 'test/fixtures/invalid', '--format', 'sarif']);
        expect(result.code).toBe(1);
        const log = JSON.parse(result.stdout);
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        const results = log.runs[0].results as SarifResult[];
        expect(results.length).toBeGreaterThan(10);
        for (const r of results) {
            expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
        }
    });
});
