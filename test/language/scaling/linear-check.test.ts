/**
 * Checking costs time linear in the number of declarations, shown without a clock: the check
 * runs in services that count the operations whose number would grow faster than the text if
 * an algorithm compared each declaration with every other, and each count must grow no
 * faster than the text (4 times the declarations, at most 5 times the operations; a
 * quadratic step gives about 16 times).
 *
 * The counted operations:
 * - names read from the workspace index (duplicate playbook and deal names);
 * - names listed from a scope (did-you-mean for unresolved names);
 * - reads and writes of the lexer's list of comments (the parser hands each comment to the
 *   syntax tree once);
 * - reads of the syntax tree's top-level children (placing a comment before a declaration);
 * - reads of the events of deals whose playbook is unknown (their unresolved names are not
 *   reported: each diagnostic is looked for among those events);
 * - automatic termination rules looked at by the replay (whether one applies in the deal's
 *   stage, or, for a rule of every stage, whether it holds) after each event of a long deal.
 *
 * The shapes of text: a file of many small playbooks, each with its deals and comments (a
 * company's whole process history in one file), the same with misspelt names, and one
 * playbook of many stages with a deal through all of them.
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, DefaultLexer, EmptyFileSystem, inject,
    type AstNodeDescription, type LangiumCoreServices, type LangiumDocument, type LangiumSharedCoreServices, type LexerResult, type ReferenceInfo, type Scope, type Stream
} from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
// From the sources (as the counting services below), so that the types are the same ones.
import { compilePlaybook } from '@playbook/model';
import {
    playbookToModel, PlaybookModule, PlaybookSharedModule, validateTexts,
    type ast, type PlaybookServices
} from '../../../packages/language/src/index.js';
import { PlaybookGeneratedSharedModule, PlaybookLanguageGeneratedModule } from '../../../packages/language/src/generated/module.js';
import { createGuardedParser } from '../../../packages/language/src/parser/guarded-parser.js';
import { PlaybookScopeProvider } from '../../../packages/language/src/scoping/playbook-scope-provider.js';
import { DealSimulator, type DealSimulation } from '../../../packages/language/src/model/deal-simulator.js';
import { PlaybookDocumentValidator } from '../../../packages/language/src/validation/document-validator.js';
import { registerValidationChecks } from '../../../packages/language/src/validation/playbook-validator.js';
import { PlaybookIndexManager } from '../../../packages/language/src/workspace/playbook-index-manager.js';

interface Counts {
    indexNamesRead: number;
    scopeNamesListed: number;
    commentListAccesses: number;
    topLevelChildReads: number;
    orphanEventReads: number;
    automaticRulesLookedAt: number;
}

const newCounts = (): Counts => ({ indexNamesRead: 0, scopeNamesListed: 0, commentListAccesses: 0, topLevelChildReads: 0, orphanEventReads: 0, automaticRulesLookedAt: 0 });

/** An array that counts every read and write of its elements (Array methods included: a proxy has no fast path). */
function countingArray<T>(array: T[], count: (n: number) => void, reads = true): T[] {
    const isIndex = (key: string | symbol): boolean => typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 0x30 && key.charCodeAt(0) <= 0x39;
    return new Proxy(array, {
        get(target, key, receiver) {
            if (reads && isIndex(key)) count(1);
            return Reflect.get(target, key, receiver);
        },
        set(target, key, value, receiver) {
            if (isIndex(key)) count(1);
            return Reflect.set(target, key, value, receiver);
        },
        deleteProperty(target, key) {
            if (isIndex(key)) count(1);
            return Reflect.deleteProperty(target, key);
        }
    });
}

class CountingIndexManager extends PlaybookIndexManager {
    constructor(services: LangiumSharedCoreServices, private readonly counts: Counts) {
        super(services);
    }

    override allElements(nodeType?: string, uris?: Set<string>): Stream<AstNodeDescription> {
        return super.allElements(nodeType, uris).map(description => {
            this.counts.indexNamesRead++;
            return description;
        });
    }
}

class CountingScopeProvider extends PlaybookScopeProvider {
    /** One counting scope per scope, so that what is cached per scope stays cached. */
    private readonly wrapped = new WeakMap<Scope, Scope>();

    constructor(services: PlaybookServices, private readonly counts: Counts) {
        super(services);
    }

    override getScope(context: ReferenceInfo): Scope {
        const scope = super.getScope(context);
        let counting = this.wrapped.get(scope);
        if (!counting) {
            const counts = this.counts;
            counting = {
                getElement: name => scope.getElement(name),
                getElements: name => scope.getElements(name),
                getAllElements: () => scope.getAllElements().map(description => {
                    counts.scopeNamesListed++;
                    return description;
                })
            };
            this.wrapped.set(scope, counting);
        }
        return counting;
    }
}

class CountingDocumentValidator extends PlaybookDocumentValidator {
    constructor(services: PlaybookServices, private readonly counts: Counts) {
        super(services);
    }

    protected override orphanDealEventRanges(document: LangiumDocument): Range[] {
        return countingArray(super.orphanDealEventRanges(document), n => { this.counts.orphanEventReads += n; });
    }
}

class CountingDealSimulator extends DealSimulator {
    private readonly instrumented = new WeakSet<object>();

    constructor(private readonly counts: Counts) {
        super();
    }

    override simulate(deal: ast.Deal): DealSimulation | undefined {
        const playbook = deal.playbook?.ref;
        if (playbook) {
            // The same compiled playbook the replay uses (cached per model).
            const compiled = compilePlaybook(playbookToModel(playbook));
            if (!this.instrumented.has(compiled)) {
                this.instrumented.add(compiled);
                const counts = this.counts;
                for (const rule of compiled.automaticTerminations) {
                    if (rule.from) {
                        (rule as { from?: ReadonlySet<number> }).from = new class extends Set<number> {
                            override has(stage: number): boolean {
                                counts.automaticRulesLookedAt++;
                                return super.has(stage);
                            }
                        }(rule.from);
                    } else {
                        const condition = rule.condition as { evaluate: (values: never) => unknown };
                        const evaluate = condition.evaluate;
                        condition.evaluate = values => {
                            counts.automaticRulesLookedAt++;
                            return evaluate(values);
                        };
                    }
                }
            }
        }
        return super.simulate(deal);
    }
}

/** The services of `createPlaybookServices`, counting. */
function countingServices(counts: Counts): { shared: LangiumSharedCoreServices; Playbook: PlaybookServices } {
    const shared = inject(createDefaultSharedCoreModule(EmptyFileSystem), PlaybookGeneratedSharedModule, PlaybookSharedModule, {
        workspace: { IndexManager: (services: LangiumSharedCoreServices) => new CountingIndexManager(services, counts) }
    });
    const Playbook = inject(createDefaultCoreModule({ shared }), PlaybookLanguageGeneratedModule, PlaybookModule, {
        parser: {
            Lexer: (services: LangiumCoreServices) => {
                const lexer = new DefaultLexer(services);
                const tokenize = lexer.tokenize.bind(lexer);
                lexer.tokenize = (text, options): LexerResult => {
                    const result = tokenize(text, options);
                    return { ...result, hidden: countingArray(result.hidden, n => { counts.commentListAccesses += n; }) };
                };
                return lexer;
            },
            LangiumParser: (services: LangiumCoreServices) => {
                const parser = createGuardedParser(services);
                const builder = (parser as unknown as { nodeBuilder: { buildRootNode(input: string): { content: unknown[] } } }).nodeBuilder;
                const buildRootNode = builder.buildRootNode.bind(builder);
                builder.buildRootNode = input => {
                    const root = buildRootNode(input);
                    root.content = countingArray(root.content, n => { counts.topLevelChildReads += n; });
                    return root;
                };
                return parser;
            }
        },
        references: { ScopeProvider: (services: PlaybookServices) => new CountingScopeProvider(services, counts) },
        validation: { DocumentValidator: (services: PlaybookServices) => new CountingDocumentValidator(services, counts) },
        simulation: { DealSimulator: () => new CountingDealSimulator(counts) }
    });
    shared.ServiceRegistry.register(Playbook);
    registerValidationChecks(Playbook);
    return { shared, Playbook };
}

/** A small playbook with comments, fields, stages, tasks, gates, automatic and manual rules, and two deals. */
function smallPlaybook(k: number, misspelt: boolean): string {
    const name = `Team${k}`;
    const dealsFor = misspelt && k % 2 === 0 ? `Teem${k}` : name;
    return `// Team ${k}: the sales process of one team
/* Reviewed every quarter. */
playbook ${name} {
  title "Team ${k}"
  // What a deal records
  field budget: money
  field seats: number = 0
  field grade: enum {A, B, C} = C

  stage Lead "Lead" {
    probability 10%
    task Call required   // the first call
    task Research
    gate Qualified { requires ${misspelt ? 'Reserch' : 'Research'} when budget > 0 and grade in {A, B} }
  }
  optional stage Demo { task Show required }
  stage Close {
    task Sign required
    gate Signed { requires Sign when seats >= 1 }
  }
  terminate Lost "No budget" when budget < 0 from Lead
  terminate Lost "No seats" when seats < 0
  terminate Lost "Withdrew"
}

// Deals of team ${k}
deal ${name}Won for ${dealsFor} {
  2026-01-01 enter Lead
  2026-01-01 set budget = 10
  2026-01-02 done Call, Research
  2026-01-02 set grade = A
  2026-01-03 enter Close
  2026-01-04 done Sign
  2026-01-04 set seats = 3
  2026-01-05 won
}
deal ${name}Lost for ${dealsFor} {
  2026-01-01 enter Lead
  2026-01-02 terminate Lost "Withdrew"
}
`;
}

/** One playbook of `stages` stages, each with a field, a task, a gate and an automatic rule from it; a deal through every stage. */
function longPlaybook(stages: number, misspelt: boolean): string {
    const lines = ['// One long process', 'playbook Long {'];
    for (let s = 0; s < stages; s++) lines.push(`  field f${s}: number = 1   // read by stage ${s}`);
    for (let s = 0; s < stages; s++) {
        const required = s === stages - 1 ? ' required' : '';
        lines.push(`  stage S${s} { task T${s}${required} gate G${s} { requires ${misspelt ? `Tx${s}` : `T${s}`} when f${s} > 0 } }`);
    }
    for (let s = 0; s < stages; s++) lines.push(`  terminate Lost "Stage ${s} dropped" when f${s} < 0 from S${s}`);
    lines.push('}', 'deal Through for Long {');
    for (let s = 0; s < stages; s++) {
        lines.push(`  2026-01-01 enter S${s}`, `  2026-01-01 set f${s} = 2`, `  2026-01-01 done T${s}`);
    }
    lines.push('  2026-01-02 won', '}', '');
    return lines.join('\n');
}

async function countCheck(text: string): Promise<{ counts: Counts; errors: string[] }> {
    const counts = newCounts();
    const services = countingServices(counts);
    const [result] = await validateTexts(services, [{ uri: 'file:///ws/all.playbook', text }]);
    const errors = result.diagnostics.filter(d => d.severity === 1).map(d => String(d.code));
    return { counts, errors };
}

const SHAPES: Array<{ shape: string; text: (size: number) => string; size: number; errors: boolean }> = [
    { shape: 'many small playbooks with their deals', text: n => Array.from({ length: n }, (_, k) => smallPlaybook(k, false)).join('\n'), size: 30, errors: false },
    { shape: 'many small playbooks whose deals and gates misspell names', text: n => Array.from({ length: n }, (_, k) => smallPlaybook(k, true)).join('\n'), size: 30, errors: true },
    { shape: 'one playbook of many stages, a deal through all of them', text: n => longPlaybook(n, false), size: 60, errors: false },
    { shape: 'one playbook of many stages whose gates misspell tasks', text: n => longPlaybook(n, true), size: 60, errors: true }
];

describe('checking is linear in the number of declarations', () => {
    it.each(SHAPES)('$shape: 4x the declarations, at most 5x each counted operation', async ({ text, size, errors }) => {
        const small = await countCheck(text(size));
        const large = await countCheck(text(4 * size));
        // The texts are what they claim to be: valid, or with the intended errors only.
        expect(small.errors.length > 0).toBe(errors);
        expect(new Set(large.errors)).toEqual(new Set(errors ? ['unresolved-reference'] : []));
        const superlinear = (Object.keys(small.counts) as Array<keyof Counts>)
            .filter(key => large.counts[key] > Math.max(5 * small.counts[key], 50))
            .map(key => `${key}: ${small.counts[key]} → ${large.counts[key]}`);
        expect(superlinear).toEqual([]);
    });

    it('the counters count: each shape exercises the operations it is meant to', async () => {
        const many = (await countCheck(SHAPES[0].text(10))).counts;
        expect(many.indexNamesRead).toBeGreaterThan(0);
        expect(many.commentListAccesses).toBeGreaterThan(0);
        expect(many.topLevelChildReads).toBeGreaterThan(0);
        const misspelt = (await countCheck(SHAPES[1].text(10))).counts;
        expect(misspelt.scopeNamesListed).toBeGreaterThan(0);
        expect(misspelt.orphanEventReads).toBeGreaterThan(0);
        expect((await countCheck(SHAPES[2].text(10))).counts.automaticRulesLookedAt).toBeGreaterThan(0);
    });
});
