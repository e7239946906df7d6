/**
 * Checks on the shape of a playbook: names, attributes, stage order, probabilities, gates,
 * and declarations nothing uses.
 */
import { crmNameClashes, crmNameClashMessage, IssueCodes, parseIsoDate, type CrmName } from '@playbook/model';
import { AstUtils, GrammarAST, isCompositeCstNode, type AstNode, type ValidationAcceptor } from 'langium';
import { declaredHere, otherDeclaration } from './duplicate-declarations.js';
import * as ast from '../generated/ast.js';
import { forEachAstNode, forEachReference } from '../utils/ast-walk.js';
import type { PlaybookServices } from '../playbook-module.js';
import type { TopLevelNames } from '../scoping/top-level-names.js';
import type { DeclarationSignatures } from '../scoping/declaration-signatures.js';
import type { PlaybookSymbolTables } from '../scoping/playbook-symbols.js';
import { resolvePlaybook, type ResolvedPlaybook } from '../scoping/playbook-variants.js';

const TOO_LARGE = 'This number is too large to be represented: numbers must be below about 1.8 × 10^308.';

/** A semantic version (semver.org), the form `version-format` asks for. */
export const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export class StructureValidator {
    private readonly topLevelNames: TopLevelNames;
    private readonly symbolTables: PlaybookSymbolTables;
    private readonly signatures: DeclarationSignatures;
    /** What each stage's gates, termination rule or cadence rule read, with the declarations of its playbook they were read against (see `readsOf`). */
    private readonly memberReads = new WeakMap<AstNode, MemberReads>();
    /**
     * Whether those reads are kept for the next validation: only where an editor edits the
     * documents. A check from the command line validates each document once, and would only
     * hold them (a set of names per stage) and its playbooks' signatures (a text as long as
     * their declarations) at its peak of memory.
     */
    private readonly keepsReads: boolean;

    constructor(services: PlaybookServices) {
        this.topLevelNames = services.references.TopLevelNames;
        this.symbolTables = services.references.PlaybookSymbolTables;
        this.signatures = services.references.DeclarationSignatures;
        this.keepsReads = services.shared.workspace.TextDocuments !== undefined;
    }

    /**
     * Playbook and deal names are global: a deal names its playbook from any file. Each
     * duplicate points to the other declaration (its file and line in the message, its
     * location as related information), so that it can be found.
     */
    checkUniqueTopLevelNames(document: ast.Document, accept: ValidationAcceptor): void {
        const documentUri = AstUtils.getDocument(document).uri;
        const uri = documentUri.toString();
        const seen = new Map<string, ast.Playbook | ast.Deal>();
        for (const element of document.elements) {
            if (!element.name) continue;
            const key = `${element.$type}:${element.name}`;
            const kind = ast.isPlaybook(element) ? 'playbook' : 'deal';
            const first = seen.get(key);
            if (first) {
                const other = declaredHere(first);
                accept('error', `Another ${kind} named '${element.name}' is declared above in this file${other.where}.`,
                    { node: element, property: 'name', code: IssueCodes.DuplicateName, relatedInformation: other.related });
                continue;
            }
            seen.set(key, element);
            const elsewhere = this.topLevelNames.named(element.$type, element.name)
                .find(d => d.documentUri.toString() !== uri);
            if (elsewhere) {
                const other = otherDeclaration(elsewhere, documentUri);
                accept('error', `Another ${kind} named '${element.name}' is declared in ${other.where}.`,
                    { node: element, property: 'name', code: IssueCodes.DuplicateName, relatedInformation: other.related });
            }
        }
    }

    checkPlaybook(playbook: ast.Playbook, accept: ValidationAcceptor): void {
        const resolved = resolvePlaybook(playbook);
        // A variant whose base is not found (or in a cycle) has that finding, not this one.
        if (resolved.stages.length === 0 && playbook.name && !(playbook.base && !resolved.base)) {
            accept('error', `Playbook ${playbook.name} has no stages; a deal needs at least one stage to be in.`,
                { node: playbook, property: 'name', code: IssueCodes.EmptyPlaybook });
        }
        checkDuplicateKeywords(playbook, ['title', 'version', 'forbid', 'forecast', 'resolved'], accept);
        playbook.versions.forEach((version, index) => {
            if (!SEMVER.test(version)) {
                accept('warning', `Version "${version}" is not a semantic version such as "1.0.0".`,
                    { node: playbook, property: 'versions', index, code: IssueCodes.VersionFormat });
            }
        });
        reportDuplicates(playbook.fields, 'field', accept);
        reportDuplicates(playbook.stages, 'stage', accept);
        reportDuplicates(playbook.stages.flatMap(s => s.tasks), 'task', accept);
        reportDuplicates(playbook.stages.flatMap(s => s.gates), 'gate', accept);
        reportDuplicates(playbook.activities, 'activity', accept);
        this.checkTerminationDuplicates(playbook, accept);
        this.checkStageOrder(resolved, accept);
        this.checkUnused(resolved, accept);
        checkForecastField(playbook, accept);
        for (const field of playbook.fields) checkDuplicateKeywords(field, ['before'], accept);
        checkCrmNames(resolved, accept);
    }

    checkStage(stage: ast.Stage, accept: ValidationAcceptor): void {
        checkDuplicateKeywords(stage, ['probability', 'within'], accept);
        stage.probabilities.forEach((probability, index) => {
            if (!Number.isFinite(probability)) {
                accept('error', TOO_LARGE, { node: stage, property: 'probabilities', index, code: IssueCodes.NumberRange });
            } else if (probability < 0 || probability > 100) {
                accept('error', `A probability is a percentage from 0% to 100%, not ${probability}%.`,
                    { node: stage, property: 'probabilities', index, code: IssueCodes.ProbabilityRange });
            }
        });
        stage.withinDays.forEach((within, index) => {
            if (!Number.isFinite(within)) {
                accept('error', TOO_LARGE, { node: stage, property: 'withinDays', index, code: IssueCodes.NumberRange });
            } else if (within <= 0 || !Number.isInteger(within)) {
                accept('error', `A time limit is a whole number of days greater than zero, not ${within}.`,
                    { node: stage, property: 'withinDays', index, code: IssueCodes.WithinRange });
            }
        });
    }

    /**
     * A number too large for a double (some 309 digits) reads as Infinity, which nothing can
     * compute with and JSON cannot hold (an export would write `null`).
     */
    checkNumber(node: ast.NumberLiteral | ast.NegatedNumber, accept: ValidationAcceptor): void {
        if (node.value !== undefined && !Number.isFinite(node.value)) {
            accept('error', TOO_LARGE, { node, property: 'value', code: IssueCodes.NumberRange });
        }
    }

    checkTask(task: ast.Task, accept: ValidationAcceptor): void {
        checkDuplicateKeywords(task, ['owner', 'required', 'before'], accept);
    }

    checkEnum(type: ast.EnumType, accept: ValidationAcceptor): void {
        reportDuplicates(type.values, 'value of this enum', accept);
    }

    /** A gate may require tasks of its own stage or an earlier one: a later stage's task cannot be done yet. */
    checkGate(gate: ast.Gate, accept: ValidationAcceptor): void {
        const stage = gate.$container;
        if (!gate.name || !stage.name) return;
        const positions = this.symbolTables.get(stage.$container).stagePositions;
        const stageIndex = positions.get(stage) ?? 0;
        gate.requires.forEach((reference, index) => {
            const task = reference.ref;
            if (!task) return;
            const taskStage = task.$container;
            if ((positions.get(taskStage) ?? -1) > stageIndex && taskStage.name) {
                accept('error',
                    `Gate ${gate.name} of stage ${stage.name} requires task ${task.name}, which belongs to the later stage ${taskStage.name}: a deal cannot have done it before leaving ${stage.name}.`,
                    { node: gate, property: 'requires', index, code: IssueCodes.GateRequiresLaterTask });
            }
        });
    }

    checkTerminate(rule: ast.Terminate, accept: ValidationAcceptor): void {
        checkDuplicateKeywords(rule, ['when'], accept);
    }

    /** `every N days` is the longest gap allowed between two touches: whole days, at least one. */
    checkCadence(cadence: ast.Cadence, accept: ValidationAcceptor): void {
        checkDuplicateKeywords(cadence, ['when', 'in', 'by'], accept);
        const every = cadence.everyDays;
        if (every === undefined) return;
        if (!Number.isFinite(every)) {
            accept('error', TOO_LARGE, { node: cadence, property: 'everyDays', code: IssueCodes.NumberRange });
        } else if (every <= 0 || !Number.isInteger(every)) {
            accept('error', `A cadence is a whole number of days greater than zero (the longest gap allowed between two touches), not ${every}.`,
                { node: cadence, property: 'everyDays', code: IssueCodes.CadenceRange });
        }
    }

    /** Dates must be real calendar days: 2026-02-30 is a typo, not a date. */
    checkDate(node: ast.DateLiteral | ast.Event, accept: ValidationAcceptor): void {
        const date = ast.isDateLiteral(node) ? node.value : node.date;
        if (date && parseIsoDate(date) === undefined) {
            accept('error', `${date} is not a calendar date.`,
                { node, property: ast.isDateLiteral(node) ? 'value' : 'date', code: IssueCodes.InvalidDate });
        }
    }

    private checkTerminationDuplicates(playbook: ast.Playbook, accept: ValidationAcceptor): void {
        const seen = new Map<string, ast.Terminate>();
        for (const rule of named(playbook.terminations)) {
            if (rule.reason === undefined) continue;
            const key = `${rule.name}\u0000${rule.reason}`;
            const first = seen.get(key);
            if (first) {
                const other = declaredHere(first);
                accept('error', `${rule.name} "${rule.reason}" is already declared above${other.where}.`,
                    { node: rule, property: 'reason', code: IssueCodes.DuplicateName, relatedInformation: other.related });
            } else {
                seen.set(key, rule);
            }
        }
    }

    /**
     * On the stages in the order deals go through them: a variant's with its base's. What
     * concerns only stages it inherits is the base's to report; a probability that falls
     * between an inherited stage and one of the variant's is reported on the variant's.
     */
    private checkStageOrder(resolved: ResolvedPlaybook, accept: ValidationAcceptor): void {
        const playbook = resolved.playbook;
        const stages = resolved.stages;
        let previous: ast.Stage | undefined;
        stages.forEach((stage, index) => {
            if (!stage.name) return;
            const isLast = index === stages.length - 1;
            const own = stage.$container === playbook;
            if (own && !isLast && stage.gates.length === 0 && !stage.tasks.some(t => t.requiredMarks.length > 0)) {
                accept('warning', `Stage ${stage.name} has no gate, so nothing is checked before a deal moves on. Add a gate with its exit criteria.`,
                    { node: stage, property: 'name', code: IssueCodes.MissingGate });
            }
            const probability = stage.probabilities[0];
            // A probability too large to represent is number-range's to report, not a step to compare.
            if (probability === undefined || !Number.isFinite(probability)) return;
            const previousProbability = previous?.probabilities[0];
            if (previous && previousProbability !== undefined && probability < previousProbability && !own && previous.$container === playbook) {
                accept('warning',
                    `Probability falls from ${previousProbability}% in ${previous.name} to ${probability}% in ${stage.name} (from ${resolved.base?.playbook.name}), the stage after it; a deal that moves forward should not become less likely to win.`,
                    { node: previous, property: 'probabilities', index: 0, code: IssueCodes.ProbabilityDecreasing });
            } else if (own && previous && previousProbability !== undefined && probability < previousProbability) {
                accept('warning',
                    `Probability falls from ${previousProbability}% in ${previous.name} to ${probability}% in ${stage.name}; a deal that moves forward should not become less likely to win.`,
                    { node: stage, property: 'probabilities', index: 0, code: IssueCodes.ProbabilityDecreasing,
                        // For the quick fixes: the probability to raise this one to.
                        data: { previousStage: previous.name, previousProbability } });
            }
            previous = stage;
        });
    }

    /** Over the resolved playbook (a variant's field may be read by a gate it inherits); only the playbook's own declarations are reported. */
    private checkUnused(resolved: ResolvedPlaybook, accept: ValidationAcceptor): void {
        const playbook = resolved.playbook;
        const readFields = new Set<string>();
        const requiredTasks = new Set<string>();
        const signatures = new Map<ast.Playbook, string>();
        const deltas = new Map<string, ReadonlySet<string> | undefined>();
        for (const member of [...resolved.stages, ...resolved.terminations, ...resolved.cadences]) {
            let reads: MemberReads;
            if (this.keepsReads) {
                const owner = member.$container;
                let signature = signatures.get(owner);
                if (signature === undefined) signatures.set(owner, signature = this.signatures.ofResolved(owner));
                reads = this.readsOf(member, signature, deltas);
            } else {
                reads = readMember(member, '');
            }
            for (const field of reads.fields) readFields.add(field);
            for (const task of reads.tasks) requiredTasks.add(task);
        }
        for (const field of named(playbook.fields)) {
            if (field.informational && readFields.has(field.name)) {
                accept('warning', `Field ${field.name} is declared info (customer profile, not a criterion), but a condition reads it: remove 'info', or the condition.`,
                    { node: field, keyword: 'info', code: IssueCodes.InfoFieldRead });
            }
        }
        // The forecast reads the field it weighs.
        if (resolved.forecast?.ref) readFields.add(resolved.forecast.$refText);
        for (const field of named(playbook.fields)) {
            // An `info field` is profile, not a criterion: no condition is meant to read it.
            if (!readFields.has(field.name) && !field.informational) {
                accept('warning', `Field ${field.name} is not used by any condition, so its value never changes what happens to a deal.`,
                    { node: field, property: 'name', code: IssueCodes.UnusedField });
            }
        }
        for (const task of named(playbook.stages.flatMap(s => s.tasks))) {
            if (task.requiredMarks.length === 0 && !requiredTasks.has(task.name)) {
                accept('info', `Task ${task.name} is neither required nor named by a gate, so it never holds a deal back.`,
                    { node: task, property: 'name', code: IssueCodes.UnusedTask });
            }
        }
    }

    /**
     * The fields a stage's gates (or a termination or cadence rule) read and the tasks they
     * require. A keystroke elsewhere keeps the member's node, and with the same declarations
     * around it (`signature`, its playbook's) its references resolve as before: what it read
     * is kept, not read again on every keystroke. So it is when the declarations differ only
     * by tasks or stages named differently (`DeclarationSignatures.nameDelta`: a name being
     * typed) that the member does not name: its names resolve as before (`deltas` holds the
     * differences worked out in this check, by the signature they were read against).
     */
    private readsOf(member: ast.Stage | ast.Terminate | ast.Cadence, signature: string, deltas: Map<string, ReadonlySet<string> | undefined>): MemberReads {
        let reads = this.memberReads.get(member);
        if (reads && reads.signature !== signature) {
            if (!deltas.has(reads.signature)) deltas.set(reads.signature, this.signatures.nameDelta(reads.signature, signature));
            if (namesNotIn(deltas.get(reads.signature), reads.names)) reads.signature = signature;
        }
        if (reads?.signature !== signature) {
            reads = readMember(member, signature);
            this.memberReads.set(member, reads);
        }
        return reads;
    }
}

/** What a stage's gates, a termination rule or a cadence rule read, read now. */
function readMember(member: ast.Stage | ast.Terminate | ast.Cadence, signature: string): MemberReads {
    const fields = new Set<string>(), tasks = new Set<string>(), names = new Set<string>();
    const conditions = ast.isStage(member) ? member.gates.flatMap(gate => gate.conditions) : member.conditions;
    for (const condition of conditions) {
        forEachAstNode(condition, node => {
            forEachReference(node, reference => { names.add(reference.$refText); });
            // By name: an inherited condition's reference points at the base's field, which the variant's may replace.
            if (ast.isValueReference(node) && ast.isField(node.symbol?.ref)) fields.add(node.symbol.$refText);
        });
    }
    if (ast.isStage(member)) {
        for (const reference of member.gates.flatMap(gate => gate.requires)) {
            names.add(reference.$refText);
            if (reference.ref) tasks.add(reference.$refText);
        }
    }
    return { signature, fields: [...fields], tasks: [...tasks], names };
}

/** Whether there is a difference of names only (`changed`), and none of them is in `names`. */
function namesNotIn(changed: ReadonlySet<string> | undefined, names: ReadonlySet<string>): boolean {
    if (!changed) return false;
    for (const name of changed) {
        if (names.has(name)) return false;
    }
    return true;
}

interface MemberReads {
    signature: string;
    fields: string[];
    tasks: string[];
    /** Every name the member's conditions and requirements name (resolved or not). */
    names: ReadonlySet<string>;
}

/** `forecast amount` weighs each deal by the field: it must hold a number. */
function checkForecastField(playbook: ast.Playbook, accept: ValidationAcceptor): void {
    playbook.forecasts.forEach((reference, index) => {
        const field = reference.ref;
        const type = field?.type;
        if (!field || (ast.isPrimitiveType(type) && (type.kind === 'money' || type.kind === 'number'))) return;
        const typeName = ast.isPrimitiveType(type) ? type.kind : 'enum';
        accept('error', `The forecast weighs each deal by its value: name a money or number field, not ${field.name}, which is ${typeName}.`,
            { node: playbook, property: 'forecasts', index, code: IssueCodes.TypeMismatch });
    });
}

/** A name in a CRM export means one stage or one end of a deal (see `crmNameClashes`). */
function checkCrmNames(resolved: ResolvedPlaybook, accept: ValidationAcceptor): void {
    type Site = { node: AstNode; property: string; index?: number };
    const playbook = resolved.playbook;
    const names: Array<CrmName<Site>> = [];
    const outcomes = new Set<string>();
    // In text order, so that the later of two declarations is the one reported (each offset
    // read once: a CST node computes it, and a sort would ask for it n log n times). A
    // variant's inherited names come first: a clash is the variant's to report, on its own line.
    const own = (member: AstNode): boolean => AstUtils.getContainerOfType(member, ast.isPlaybook) === playbook;
    const all: AstNode[] = [...named(resolved.stages), ...named(resolved.terminations), ...resolved.outcomeAliases];
    const members: AstNode[] = [
        ...all.filter(member => !own(member)),
        ...all.filter(own)
            .map(member => ({ member, offset: member.$cstNode?.offset ?? 0 }))
            .sort((a, b) => a.offset - b.offset)
            .map(({ member }) => member)
    ];
    for (const member of members) {
        if (ast.isStage(member)) {
            const owner = `stage ${member.name}`;
            const meaning = `stage:${member.name}`;
            names.push({ text: member.name, meaning, kind: 'name', owner, site: { node: member, property: 'name' } });
            member.aliases.forEach((text, index) => names.push({ text, meaning, kind: 'alias', owner, site: { node: member, property: 'aliases', index } }));
        } else if (ast.isTerminate(member)) {
            if (outcomes.has(member.name)) continue;
            outcomes.add(member.name);
            names.push({ text: member.name, meaning: `outcome:${member.name}`, kind: 'name', owner: `outcome ${member.name}`, site: { node: member, property: 'name' } });
        } else if (ast.isOutcomeAlias(member)) {
            const outcome = member.outcome?.$refText ?? '';
            const meaning = member.won ? 'won' : `outcome:${outcome}`;
            const owner = member.won ? 'won' : `outcome ${outcome}`;
            member.aliases.forEach((text, index) => names.push({ text, meaning, kind: 'alias', owner, site: { node: member, property: 'aliases', index } }));
        }
    }
    for (const clash of crmNameClashes(names)) {
        const { node, property, index } = clash.alias.site;
        if (!own(node)) continue;
        accept('error', crmNameClashMessage(clash), { node, property: property as never, ...(index !== undefined ? { index } : {}), code: IssueCodes.DuplicateAlias });
    }
}

/**
 * The declarations whose name the parser read. After a syntax error (`stage {`) a declaration
 * may have none: the syntax error says what is wrong, and a finding about it could only call
 * it by a name it does not have ("Stage undefined has no gate").
 */
function named<T extends { name?: string }>(nodes: readonly T[]): T[] {
    return nodes.filter(node => Boolean(node.name));
}

function reportDuplicates(nodes: ReadonlyArray<AstNode & { name: string }>, kind: string, accept: ValidationAcceptor): void {
    const seen = new Map<string, AstNode & { name: string }>();
    for (const node of nodes) {
        if (!node.name) continue;
        const first = seen.get(node.name);
        if (first) {
            const other = declaredHere(first);
            accept('error', `Another ${kind} named '${node.name}' is declared above${other.where}; names must be unique.`,
                { node, property: 'name', code: IssueCodes.DuplicateName, relatedInformation: other.related });
        } else {
            seen.set(node.name, node);
        }
    }
}

/**
 * Attributes given twice (the grammar keeps each, the model reads the first): reported on the
 * later keywords. The node's own keywords are direct leaves of its syntax node, so one pass
 * over those leaves finds them all.
 */
function checkDuplicateKeywords(node: AstNode, keywords: readonly string[], accept: ValidationAcceptor): void {
    const cst = node.$cstNode;
    if (!cst || !isCompositeCstNode(cst)) return;
    const seen = new Set<string>();
    for (const child of cst.content) {
        if (isCompositeCstNode(child) || !GrammarAST.isKeyword(child.grammarSource)) continue;
        const keyword = child.grammarSource.value;
        if (!keywords.includes(keyword)) continue;
        if (seen.has(keyword)) {
            accept('error', `'${keyword}' is given more than once here; keep one.`,
                { node, range: child.range, code: IssueCodes.DuplicateAttribute });
        }
        seen.add(keyword);
    }
}
