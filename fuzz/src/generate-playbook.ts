/**
 * Random `.playbook` files that `playbook check` must accept without an error: every
 * construct of the language (fields of every type with and without defaults, enums, every
 * operator of a condition, parentheses, unary minus and `not`, literals of every kind,
 * optional stages, aliases, probabilities, time limits, tasks with titles, owners and
 * `required`, gates with `requires` and `when`, terminations with `when` and `from`, titles,
 * versions, `forbid regressions`, `forecast`, `won alias` and `terminate X alias`, activity
 * kinds and follow-up cadences with `when`, `during` and `by`, deals with every kind of event
 * (dated activities with and without a note among them), variants of a playbook that drop,
 * replace and add stages (placed with `after`/`before` or not), fields, rules, activity kinds
 * and cadences), names in many scripts,
 * texts with escapes and hostile characters, numbers that JavaScript prints in exponent
 * notation, and random layout (line breaks of every kind, comments, indentation).
 *
 * Warnings are allowed (an unused field, a stage without a gate); errors are not, so the
 * generator keeps to what the rules allow: names unique within a playbook, CRM names (stage
 * names and every alias) distinct as a CRM export compares them, gates requiring
 * tasks of their own or an earlier stage, conditions that type-check, and deals that cannot
 * break a rule.
 */
import { normalizeName, playbookKeywords } from '@playbook/model';
import type { Random } from './random.js';

type Primitive = 'money' | 'number' | 'bool' | 'text' | 'date' | 'days';
type ValueType = Primitive | 'numeral' | { enumOf: GenField };

interface GenField {
    name: string;
    type: Primitive | 'enum';
    values: string[];
    /** `info field`: profile, not a criterion; no condition reads it (that would be info-field-read). */
    informational: boolean;
}

interface GenStage {
    name: string;
    optional: boolean;
    tasks: string[];
    /** Tasks that must be done before a deal leaves the stage: its required ones and those its gates require. */
    needed: string[];
    /** Whether a gate of the stage has a `when` condition (whose truth a deal cannot be sure of). */
    conditional: boolean;
}

interface GenRule {
    outcome: string;
    reason: string;
    automatic: boolean;
    from: string[];
}

export interface GeneratedPlaybookFile {
    text: string;
    /** The names of the playbooks the file declares, in order. */
    playbooks: string[];
}

/** A file of one or two playbooks and deals that follow them. */
export function generatePlaybookFile(random: Random): GeneratedPlaybookFile {
    const lineBreak = random.weighted<string>([['\n', 8], ['\r\n', 2], ['\r', 1]]);
    const writer = new TokenWriter(random, lineBreak);
    const playbookCount = random.chance(0.2) ? 2 : 1;
    const playbookNames = uniqueNames(random, playbookCount + 2);
    const playbooks: string[] = [];
    // Names may repeat between the playbooks of a file: each playbook is a scope of its own.
    const sharedPool = uniqueNames(random, 100);
    let first: WrittenPlaybook | undefined;
    for (let p = 0; p < playbookCount; p++) {
        const pool = p === 0 || random.chance(0.5) ? random.shuffle(sharedPool) : uniqueNames(random, 100);
        const name = playbookNames[p];
        playbooks.push(name);
        const generated = writePlaybook(random, writer, name, pool);
        if (p === 0) first = generated;
        const dealNames = uniqueNames(random, 3).map(n => `${n}_${p}`);
        for (const dealName of dealNames.slice(0, random.int(0, 3))) {
            writeDeal(random, writer, dealName, name, generated);
        }
    }
    if (first && random.chance(0.3)) {
        const name = playbookNames[playbookCount];
        writeVariant(random, writer, name, playbooks[0], first, uniqueNames(random, 30).map(n => `${n}_v`));
        playbooks.push(name);
    }
    return { text: writer.text(), playbooks };
}

interface WrittenPlaybook {
    fields: GenField[];
    stages: GenStage[];
    rules: GenRule[];
    /** The fields a condition or the forecast reads. */
    read: Set<string>;
    /** The stages a `not before` or a cadence's `during` names: a variant that dropped one would be dropped-in-use. */
    namedByNotBefore: Set<string>;
    /** The activity kinds it declares. */
    activities: string[];
}

/**
 * A variant of `base` that checks without errors: it drops and replaces only stages whose
 * tasks no other stage needs and no rule's `from` names, drops only fields nothing reads,
 * drops an outcome's rules now and then, and adds stages (placed or not), fields and a rule.
 */
function writeVariant(random: Random, w: TokenWriter, name: string, baseName: string, base: WrittenPlaybook, pool: string[]): void {
    const take = (): string => pool.pop() ?? `v${pool.length}_${random.int(0, 1e9)}`;
    w.tokens(['playbook', name, 'variant', 'of', baseName, '{']);
    w.indent(1);
    const members: string[][] = [];
    if (random.chance(0.5)) members.push(['title', text(random)]);
    const neededElsewhere = (stage: GenStage): boolean =>
        base.stages.some(other => other !== stage && other.needed.some(task => stage.tasks.includes(task)))
        || base.rules.some(rule => rule.from.includes(stage.name))
        || base.namedByNotBefore.has(stage.name);
    const free = base.stages.filter(stage => !neededElsewhere(stage));
    const dropped = random.subset(free, 0.3).slice(0, base.stages.length - 1);
    if (dropped.length > 0) members.push(['drop', 'stage', ...list(dropped.map(s => s.name))]);
    const kept = base.stages.filter(stage => !dropped.includes(stage));
    const unread = base.fields.filter(field => !base.read.has(field.name));
    const droppedFields = random.subset(unread, 0.5);
    if (droppedFields.length > 0) members.push(['drop', 'field', ...list(droppedFields.map(f => f.name))]);
    const outcomes = [...new Set(base.rules.map(rule => rule.outcome))];
    if (outcomes.length > 0 && random.chance(0.3)) {
        const outcome = random.pick(outcomes);
        const rule = random.pick(base.rules.filter(r => r.outcome === outcome));
        members.push(['drop', 'terminate', outcome, ...(random.chance(0.5) ? [rule.reason] : [])]);
    }
    for (const stage of random.subset(kept.filter(s => free.includes(s)), 0.3)) {
        members.push([...(stage.optional ? ['optional'] : []), 'stage', stage.name, ...(random.chance(0.5) ? [text(random)] : []), '{', 'task', take(), 'required', '}']);
    }
    const added = random.int(0, 2);
    for (let a = 0; a < added; a++) {
        const placement = kept.length > 0 && random.chance(0.6) ? [random.pick(['after', 'before']), random.pick(kept).name] : [];
        members.push(['stage', take(), ...(random.chance(0.5) ? [text(random)] : []), ...placement, '{', 'task', take(), 'required', '}']);
    }
    if (random.chance(0.4)) members.push(['field', take(), ':', random.pick(['money', 'bool', 'text'])]);
    if (random.chance(0.4)) members.push(['terminate', take(), text(random)]);
    // A kind of its own, and a cadence counting it or an inherited kind, during a stage it keeps.
    if (random.chance(0.3)) {
        const kind = take();
        members.push(['activity', kind, ...(random.chance(0.5) ? [text(random)] : [])]);
        const by = [kind, ...random.subset(base.activities, 0.5)];
        const during = kept.length > 0 && random.chance(0.5) ? ['during', random.pick(kept).name] : [];
        members.push(['cadence', 'every', String(random.pick([1, 7, 30])), 'days', 'by', ...list(by), ...during]);
    }
    for (const member of random.shuffle(members)) w.tokens(member);
    w.indent(-1);
    w.line('}');
}

function writePlaybook(random: Random, w: TokenWriter, name: string, pool: string[]): WrittenPlaybook {
    const take = (): string => pool.pop() ?? `n${pool.length}_${random.int(0, 1e9)}`;
    // A CRM export compares names ignoring case, accents and spaces: an alias must not mean
    // two things (duplicate-alias), so no alias repeats another or any name the playbook may use.
    const crmNames = new Set(pool.map(normalizeName));
    const alias = (): string => aliasText(random, crmNames);
    w.line(`playbook ${name} {`);
    w.indent(1);

    // The first stage's name, drawn now: a field may say `not before` it (generated deals set
    // their fields in the first stage, so they never break that rule).
    const firstStage = take();
    const namedByNotBefore = new Set<string>();
    const notBeforeTarget = (stage: string): string => {
        namedByNotBefore.add(stage);
        return stage;
    };
    const fields: GenField[] = [];
    const fieldCount = random.int(0, 8);
    for (let i = 0; i < fieldCount; i++) {
        const type = random.pick<Primitive | 'enum'>(['money', 'number', 'bool', 'text', 'date', 'days', 'enum']);
        const field: GenField = { name: take(), type, values: [], informational: random.chance(0.2) };
        if (type === 'enum') {
            const count = random.int(1, 4);
            for (let v = 0; v < count; v++) field.values.push(take());
        }
        fields.push(field);
    }
    const header: Array<() => void> = [];
    if (random.chance(0.6)) header.push(() => w.line(`title ${text(random)}`));
    if (random.chance(0.4)) header.push(() => w.line(`version ${quote(random.pick(['1.0.0', '2.3.4-beta.1+build.5', 'v1', '0.1', '']))}`));
    if (random.chance(0.3)) header.push(() => w.tokens(['forbid', 'regressions']));
    // The lineage an import writes for a resolved variant: any text, inheriting nothing.
    if (random.chance(0.1)) header.push(() => w.tokens(['resolved', 'from', text(random)]));
    // What conditions may read: the criteria, not the profile.
    const criteria = fields.filter(f => !f.informational);
    const read = new Set<string>();
    const fieldNames = new Set(fields.map(f => f.name));
    const conditionReading = (depth = 3): string[] => {
        const tokens = condition(random, criteria, depth);
        for (const token of tokens) if (fieldNames.has(token)) read.add(token);
        return tokens;
    };
    const numeric = fields.filter(f => f.type === 'money' || f.type === 'number');
    if (numeric.length > 0 && random.chance(0.5)) {
        const forecast = random.pick(numeric).name;
        read.add(forecast);
        header.push(() => w.tokens(['forecast', forecast]));
    }
    random.shuffle(header).forEach(write => write());
    for (const field of fields) {
        const type = field.type === 'enum'
            ? ['enum', '{', ...field.values.flatMap((v, i) => (i === 0 ? [v] : [',', v])), ...(random.chance(0.2) ? [','] : []), '}']
            : [field.type];
        const value = random.chance(0.5) ? ['=', ...constantOf(random, field)] : [];
        const notBefore = random.chance(0.15) ? ['not', 'before', firstStage] : [];
        if (notBefore.length > 0) namedByNotBefore.add(firstStage);
        w.tokens([...(field.informational ? ['info'] : []), 'field', field.name, ':', ...type, ...value, ...notBefore]);
    }
    const activities = Array.from({ length: random.int(0, 3) }, () => take());
    for (const activity of activities) {
        w.tokens(['activity', activity, ...(random.chance(0.5) ? [text(random)] : [])]);
    }

    const stageCount = random.int(1, 6);
    const stages: GenStage[] = [];
    const tasksSoFar: string[] = [];
    const gateNames: string[] = [];
    let probability = 0;
    for (let s = 0; s < stageCount; s++) {
        const stage: GenStage = { name: s === 0 ? firstStage : take(), optional: s > 0 && random.chance(0.25), tasks: [], needed: [], conditional: false };
        stages.push(stage);
        const head = [...(stage.optional ? ['optional'] : []), 'stage', stage.name, ...(random.chance(0.5) ? [text(random)] : [])];
        const members: string[][] = [];
        if (random.chance(0.4)) {
            const aliases = Array.from({ length: random.int(1, 3) }, alias);
            members.push(['alias', ...aliases.flatMap((a, i) => (i === 0 ? [a] : [',', a]))]);
        }
        if (random.chance(0.6)) {
            // Non-decreasing, so that the file has no probability-decreasing warnings to hide others.
            probability = Math.min(100, probability + random.pick([0, 5, 10, 12.5, 25, 33.3]));
            members.push(['probability', formatNumber(probability), '%']);
        }
        if (random.chance(0.3)) members.push(['within', ...dayCount(random, String(random.chance(0.2) ? 1 : random.int(1, 365)))]);
        const taskCount = random.int(0, 4);
        for (let t = 0; t < taskCount; t++) {
            const task = take();
            stage.tasks.push(task);
            tasksSoFar.push(task);
            const required = random.chance(0.5);
            if (required) stage.needed.push(task);
            // `not before` this stage or an earlier one: generated deals do a task in its own stage.
            const attributes = random.shuffle([
                ...(required ? [['required']] : []),
                ...(random.chance(0.4) ? [['owner', text(random)]] : []),
                ...(random.chance(0.2) ? [['not', 'before', notBeforeTarget(random.pick(stages).name)]] : [])
            ]).flat();
            members.push(['task', task, ...(random.chance(0.6) ? [text(random)] : []), ...attributes]);
        }
        const gateCount = random.int(0, 2);
        for (let g = 0; g < gateCount; g++) {
            const gate = take();
            gateNames.push(gate);
            const body: string[][] = [];
            if (tasksSoFar.length > 0 && random.chance(0.7)) {
                const required = random.subset(tasksSoFar, 0.4);
                if (required.length === 0) required.push(random.pick(tasksSoFar));
                stage.needed.push(...required);
                body.push(['requires', ...required.flatMap((t, i) => (i === 0 ? [t] : [',', t]))]);
            }
            const conditions = random.chance(0.4) ? 0 : random.int(1, 2);
            if (conditions > 0) stage.conditional = true;
            for (let c = 0; c < conditions; c++) body.push(['when', ...conditionReading()]);
            const title = random.chance(0.5) ? [text(random)] : [];
            members.push(['gate', gate, ...title, ...(body.length > 0 || random.chance(0.3) ? ['{', ...random.shuffle(body).flat(), '}'] : [])]);
        }
        if (members.length === 0 && random.chance(0.5)) {
            w.tokens(head);
        } else {
            w.tokens([...head, '{']);
            w.indent(1);
            for (const member of random.shuffle(members)) w.tokens(member);
            w.indent(-1);
            w.tokens(['}']);
        }
    }

    const rules: GenRule[] = [];
    const outcomes = Array.from({ length: random.int(1, 3) }, () => take());
    const ruleCount = random.int(0, 5);
    const seen = new Set<string>();
    for (let r = 0; r < ruleCount; r++) {
        const outcome = random.pick(outcomes);
        const reasonText = text(random);
        if (seen.has(`${outcome}\u0000${reasonText}`)) continue;
        seen.add(`${outcome}\u0000${reasonText}`);
        const rule: GenRule = { outcome, reason: reasonText, automatic: random.chance(0.3), from: random.subset(stages.map(s => s.name), 0.3) };
        rules.push(rule);
        const clauses: string[][] = [];
        if (rule.automatic) clauses.push(['when', ...conditionReading()]);
        // `from` may be split over several clauses.
        if (rule.from.length > 0) {
            const split = random.chance(0.3) && rule.from.length > 1 ? random.int(1, rule.from.length - 1) : rule.from.length;
            clauses.push(['from', ...list(rule.from.slice(0, split))]);
            if (split < rule.from.length) clauses.push(['from', ...list(rule.from.slice(split))]);
        }
        w.tokens(['terminate', outcome, reasonText, ...random.shuffle(clauses).flat()]);
    }
    // Follow-up cadences: each clause at most once (a repeat is duplicate-attribute), in any order.
    const cadenceCount = random.int(0, 3);
    for (let c = 0; c < cadenceCount; c++) {
        const every = random.pick([1, 2, 7, 14, 30, 90]);
        const clauses: string[][] = [];
        if (random.chance(0.6)) clauses.push(['when', ...conditionReading(2)]);
        const during = random.subset(stages.map(s => s.name), 0.4);
        during.forEach(notBeforeTarget);
        if (during.length > 0) clauses.push(['during', ...list(during)]);
        const by = random.subset(activities, 0.5);
        if (by.length > 0) clauses.push(['by', ...list(by)]);
        const unit = every === 1 && random.chance(0.7) ? 'day' : 'days';
        w.tokens(['cadence', ...(random.chance(0.4) ? [text(random)] : []), 'every', String(every), unit, ...random.shuffle(clauses).flat()]);
    }
    // The CRM names of the ends, one line or several per end (they add up).
    const ends = [...(random.chance(0.4) ? [['won']] : []), ...[...new Set(rules.map(r => r.outcome))].filter(() => random.chance(0.4)).map(o => ['terminate', o])];
    for (const end of ends) {
        const lines = random.chance(0.2) ? 2 : 1;
        for (let l = 0; l < lines; l++) w.tokens([...end, 'alias', ...list(Array.from({ length: random.int(1, 3) }, alias))]);
    }
    w.indent(-1);
    w.line('}');
    return { fields, stages, rules, read, namedByNotBefore, activities };
}

/**
 * A deal that cannot break a rule. It enters the first stage and sets fields; then, stage by
 * stage, it does the tasks the stage needs and moves on (past optional stages now and then)
 * while no gate has a condition it could fail, winning after the last stage; or it ends by a
 * manual termination allowed where it is, or stays open. With automatic terminations (which
 * could end it before a later event) it only enters the first stage.
 */
function writeDeal(random: Random, w: TokenWriter, name: string, playbook: string, generated: WrittenPlaybook): void {
    const stages = generated.stages;
    w.tokens(['deal', name, ...(random.chance(0.5) ? [text(random)] : []), 'for', playbook, '{']);
    w.indent(1);
    let day = random.int(0, 20_000);
    const date = (): string => isoDate(day += random.int(0, 3));
    w.tokens([date(), 'enter', stages[0].name]);
    if (!generated.rules.some(rule => rule.automatic)) {
        for (const field of random.subset(generated.fields, 0.5)) {
            w.tokens([date(), 'set', field.name, '=', ...constantOf(random, field)]);
        }
        const done = new Set<string>();
        let at = 0;
        let won = false;
        for (;;) {
            const stage = stages[at];
            const todo = [...new Set([...stage.needed, ...random.subset(stage.tasks, 0.3)])].filter(task => !done.has(task));
            if (todo.length > 0) {
                w.tokens([date(), 'done', ...list(todo)]);
                todo.forEach(task => done.add(task));
            }
            // Contacts with the customer: a late or missing follow-up is a warning, never an error.
            for (const activity of random.subset(generated.activities, 0.4)) {
                w.tokens([date(), activity, ...(random.chance(0.5) ? [text(random)] : [])]);
            }
            if (stage.conditional || random.chance(0.2)) break;
            let next = at + 1;
            while (next < stages.length && stages[next].optional && random.chance(0.5)) next++;
            if (next >= stages.length) {
                if (random.chance(0.7)) {
                    w.tokens([date(), 'won']);
                    won = true;
                }
                break;
            }
            w.tokens([date(), 'enter', stages[next].name]);
            at = next;
        }
        const allowed = generated.rules.filter(rule => rule.from.length === 0 || rule.from.includes(stages[at].name));
        if (!won && allowed.length > 0 && random.chance(0.3)) {
            const rule = random.pick(allowed);
            w.tokens([date(), 'terminate', rule.outcome, ...(random.chance(0.7) ? [rule.reason] : [])]);
        }
    }
    w.indent(-1);
    w.tokens(['}']);
}

// ---------------------------------------------------------------------------------------
// Conditions: a tree of the wanted type, printed with the parentheses the grammar needs
// (and sometimes more).

const PRECEDENCE = { or: 1, and: 2, not: 3, compare: 4, additive: 5, multiplicative: 6, unary: 7, primary: 8 } as const;

interface Printed {
    tokens: string[];
    precedence: number;
}

function condition(random: Random, fields: readonly GenField[], depth: number): string[] {
    return boolean(random, fields, depth).tokens;
}

function boolean(random: Random, fields: readonly GenField[], depth: number): Printed {
    const of = (type: string): GenField[] => fields.filter(f => f.type === type);
    const choices: Array<[() => Printed, number]> = [[() => atom(random.pick(['true', 'false'])), 1]];
    if (of('bool').length > 0) choices.push([() => atom(random.pick(of('bool')).name), 3]);
    if (depth > 0) {
        choices.push([() => prefix(random, 'not', boolean(random, fields, depth - 1), PRECEDENCE.not), 2]);
        choices.push([() => binary(random, random.pick(['and', 'or']), boolean(random, fields, depth - 1), boolean(random, fields, depth - 1)), 3]);
        choices.push([() => comparison(random, fields, depth - 1), 6]);
    }
    const enums = of('enum');
    if (enums.length > 0) {
        choices.push([() => {
            const field = random.pick(enums);
            const values = random.subset(field.values, 0.5);
            if (values.length === 0) values.push(random.pick(field.values));
            return { tokens: [field.name, 'in', '{', ...list(values), '}'], precedence: PRECEDENCE.compare };
        }, 2]);
    }
    return random.weighted(choices)();
}

function comparison(random: Random, fields: readonly GenField[], depth: number): Printed {
    const kinds: Array<Primitive | 'enum'> = ['money', 'number', 'days', 'date'];
    if (fields.some(f => f.type === 'text')) kinds.push('text');
    if (fields.some(f => f.type === 'bool')) kinds.push('bool');
    if (fields.some(f => f.type === 'enum')) kinds.push('enum');
    const kind = random.pick(kinds);
    if (kind === 'text' || kind === 'bool' || kind === 'enum') {
        const field = random.pick(fields.filter(f => f.type === kind));
        const other: Printed = kind === 'text' ? atom(text(random))
            : kind === 'bool' ? atom(random.pick(['true', 'false']))
                : random.chance(0.7) ? atom(random.pick(field.values)) : atom(field.name);
        const [left, right] = random.chance(0.5) ? [atom(field.name), other] : [other, atom(field.name)];
        return compare(random, random.pick(['=', '==', '!=']), left, right);
    }
    const left = valueOf(random, fields, kind, depth);
    const right = valueOf(random, fields, random.chance(0.3) && kind !== 'date' ? 'numeral' : kind, depth);
    return compare(random, random.pick(['<', '<=', '>', '>=', '=', '==', '!=']), left, right);
}

/** An expression of a numeric or date type. */
function valueOf(random: Random, fields: readonly GenField[], type: ValueType, depth: number): Printed {
    if (typeof type === 'object') return atom(random.pick(type.enumOf.values));
    const own = fields.filter(f => f.type === type);
    const leaves: Array<[() => Printed, number]> = [];
    if (own.length > 0) leaves.push([() => atom(random.pick(own).name), 4]);
    switch (type) {
        case 'money': case 'numeral': leaves.push([() => atom(number(random)), 2]); break;
        case 'number': leaves.push([() => atom(number(random)), 1], [() => ({ tokens: [number(random), '%'], precedence: PRECEDENCE.primary }), 1]); break;
        case 'days': leaves.push([() => ({ tokens: dayCount(random, number(random)), precedence: PRECEDENCE.primary }), 2]); break;
        case 'date': leaves.push([() => atom(isoDate(random.int(0, 40_000))), 2], [() => atom('today'), 1]); break;
        default: leaves.push([() => atom(random.pick(['true', 'false'])), 1]);
    }
    if (depth <= 0 || random.chance(0.5)) return random.weighted(leaves)();
    const next = depth - 1;
    const compound: Array<[() => Printed, number]> = [];
    if (type === 'date') {
        compound.push([() => binary(random, random.pick(['+', '-']), valueOf(random, fields, 'date', next), valueOf(random, fields, random.pick<ValueType>(['days', 'numeral']), next)), 2]);
        compound.push([() => binary(random, '+', valueOf(random, fields, 'days', next), valueOf(random, fields, 'date', next)), 1]);
    } else {
        compound.push([() => binary(random, random.pick(['+', '-']), valueOf(random, fields, type, next), valueOf(random, fields, random.chance(0.3) ? 'numeral' : type, next)), 3]);
        compound.push([() => binary(random, random.pick(['*', '/']), valueOf(random, fields, type, next), valueOf(random, fields, random.pick<ValueType>(['numeral', type === 'number' ? 'number' : 'numeral']), next)), 2]);
        compound.push([() => binary(random, '*', valueOf(random, fields, 'numeral', next), valueOf(random, fields, type, next)), 1]);
        compound.push([() => prefix(random, '-', valueOf(random, fields, type, next), PRECEDENCE.unary), 2]);
        if (type === 'number') {
            // A ratio of two values of one type is a number; a bare numeral would make it that type instead.
            const types: Primitive[] = ['days', 'number', ...(fields.some(f => f.type === 'money') ? ['money' as const] : [])];
            compound.push([() => { const t = random.pick(types); return binary(random, '/', typedLeaf(random, fields, t), typedLeaf(random, fields, t)); }, 1]);
        }
        if (type === 'days') {
            compound.push([() => binary(random, '-', valueOf(random, fields, 'date', next), valueOf(random, fields, 'date', next)), 1]);
        }
    }
    return random.weighted(compound)();
}

/** A field or literal of exactly this type (never a bare numeral, which takes the type of what it meets). */
function typedLeaf(random: Random, fields: readonly GenField[], type: Primitive): Printed {
    const own = fields.filter(f => f.type === type);
    if (type === 'money' || (own.length > 0 && random.chance(0.6))) return atom(random.pick(own).name);
    return { tokens: type === 'days' ? dayCount(random, number(random)) : [number(random), '%'], precedence: PRECEDENCE.primary };
}

const BINARY_PRECEDENCE: Record<string, number> = {
    or: PRECEDENCE.or, and: PRECEDENCE.and, '+': PRECEDENCE.additive, '-': PRECEDENCE.additive, '*': PRECEDENCE.multiplicative, '/': PRECEDENCE.multiplicative
};

/** A left-associative binary operator: the right operand needs parentheses at equal precedence. */
function binary(random: Random, operator: string, left: Printed, right: Printed): Printed {
    const own = BINARY_PRECEDENCE[operator];
    return { tokens: [...wrap(random, left, own), operator, ...wrap(random, right, own + 1)], precedence: own };
}

/** Comparisons do not chain: both operands are additive expressions. */
function compare(random: Random, operator: string, left: Printed, right: Printed): Printed {
    return { tokens: [...wrap(random, left, PRECEDENCE.additive), operator, ...wrap(random, right, PRECEDENCE.additive)], precedence: PRECEDENCE.compare };
}

function prefix(random: Random, operator: string, operand: Printed, own: number): Printed {
    // `not` takes a comparison or another `not`; unary minus a primary (or another minus).
    const minimum = operator === 'not' ? PRECEDENCE.not : PRECEDENCE.unary;
    return { tokens: [operator, ...wrap(random, operand, minimum)], precedence: own };
}

function wrap(random: Random, printed: Printed, minimum: number): string[] {
    return printed.precedence < minimum || random.chance(0.05) ? ['(', ...printed.tokens, ')'] : printed.tokens;
}

function atom(token: string): Printed {
    return { tokens: [token], precedence: PRECEDENCE.primary };
}

// ---------------------------------------------------------------------------------------
// Constants, names and texts.

function constantOf(random: Random, field: GenField): string[] {
    const negative = random.chance(0.2) ? ['-'] : [];
    switch (field.type) {
        case 'money': return [...negative, number(random)];
        case 'number': return [...negative, number(random), ...(random.chance(0.3) ? ['%'] : [])];
        case 'days': return random.chance(0.6) ? [...negative, ...dayCount(random, number(random))] : [...negative, number(random)];
        case 'bool': return [random.pick(['true', 'false'])];
        case 'text': return [text(random)];
        case 'date': return [isoDate(random.int(0, 40_000))];
        case 'enum': return [random.pick(field.values)];
    }
}

/** A number as the grammar writes it (digits, an optional fraction), including ones JavaScript prints in exponent notation. */
/**
 * A number of days with its unit: `day` is the singular of `days`, and either spelling is
 * accepted after any number (`1 days` too), so both are written, the agreeing one mostly.
 */
function dayCount(random: Random, count: string): string[] {
    if (random.chance(0.15)) count = '1';
    const one = Number(count) === 1;
    return [count, random.chance(0.8) === one ? 'day' : 'days'];
}

function number(random: Random): string {
    return random.weighted<() => string>([
        [() => String(random.int(0, 1000)), 6],
        [() => String(random.int(0, 10_000_000)), 2],
        [() => `${random.int(0, 999)}.${String(random.int(0, 99)).padStart(2, '0')}`, 2],
        [() => random.pick(['0.0000001', '0.000000123', '0.00001', '1000000000000000000000', '123456789012345678901234567890', '0.1000000000000000055511151231257827', '9007199254740993', '1.0', '007', '0.50']), 1]
    ])();
}

function formatNumber(value: number): string {
    return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function isoDate(dayNumber: number): string {
    // Day 0 is 1950-01-01; 40,000 days reach 2059.
    const date = new Date(Date.UTC(1950, 0, 1) + dayNumber * 86_400_000);
    return date.toISOString().slice(0, 10);
}

const SCRIPTS: ReadonlyArray<readonly [string, number]> = [
    ['latin', 10], ['accented', 2], ['greek', 1], ['cyrillic', 2], ['arabic', 1], ['hebrew', 1], ['devanagari', 1],
    ['hangul', 1], ['kana', 1], ['cjk', 4], ['cjkExtensionB', 2], ['fullwidth', 1]
];

const ALPHABETS: Record<string, string[]> = {
    latin: [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_'],
    accented: [...'ÀÉÎÕÜçñøßĀŁŒŠŽǅȘ'],
    greek: [...'ΑΒΓΔΩαβγδωϐ'],
    cyrillic: [...'АБВГДЖЯабвгджяЁё'],
    arabic: [...'ابتثجحخدذ'],
    hebrew: [...'אבגדהוזח'],
    devanagari: [...'अआइईउकखग'],
    hangul: [...'가나다라마바사아자'],
    kana: [...'あいうえおアイウエオ'],
    cjk: [...'客户开发商务谈判野家成交签约〇々'],
    cjkExtensionB: ['𠮷', '𡈽', '𩸽', '𠀋', '𪚲', '𫝆'],
    fullwidth: [...'ＡＢＣａｂｃ']
};

/**
 * Names of letters (of any script the language accepts) and digits. Only keywords are left
 * out; which characters make a name is not taken from the grammar, so that a letter the
 * grammar forgets shows up as a rejected playbook.
 */
function uniqueNames(random: Random, count: number): string[] {
    const keywords = new Set(playbookKeywords());
    const names = new Set<string>();
    while (names.size < count) {
        const name = identifier(random);
        if (!keywords.has(name)) names.add(name);
    }
    return [...names];
}

function identifier(random: Random): string {
    const script = random.weighted(SCRIPTS);
    const letters = ALPHABETS[script];
    let name = random.pick(letters);
    const length = random.int(0, script === 'latin' ? 8 : 3);
    for (let i = 0; i < length; i++) {
        name += random.chance(0.15) ? String(random.int(0, 9)) : random.pick(random.chance(0.8) ? letters : ALPHABETS.latin);
    }
    return name;
}

const HOSTILE_TEXTS = [
    '客户开发 / Development', 'say "hi"', 'back\\slash', 'line\nbreak', 'tab\there', '<script>alert(1)</script>', '#quot; *x* _y_',
    'style x:#y;', 'classDef a fill:#f00;', 'a --> b | c ] [d]', '%% comment', '50% off; 20%', '}{)(', '// not a comment', '/* nor this */',
    'emoji 🚀👍🏽', 'ZWJ 👨‍👩‍👧', 'rtl عربي', '\u2028separator\u2029', 'nul\u0000char', 'bell\u0007', '\u0085next line', 'undefined', 'null', 'NaN', ''
];

/** A quoted text literal. */
function text(random: Random): string {
    return quote(rawText(random));
}

/** A text, unquoted. */
function rawText(random: Random): string {
    if (random.chance(0.3)) return random.pick(HOSTILE_TEXTS);
    const words = Array.from({ length: random.int(1, 4) }, () => identifier(random));
    return words.join(random.pick([' ', ' / ', ', ', '-']));
}

/** A quoted alias whose CRM form (`normalizeName`) is not yet taken; it is taken now. */
function aliasText(random: Random, taken: Set<string>): string {
    for (;;) {
        const value = rawText(random);
        const key = normalizeName(value);
        if (key !== '' && taken.has(key)) continue;
        taken.add(key);
        return quote(value);
    }
}

function quote(value: string): string {
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function list(items: readonly string[]): string[] {
    return items.flatMap((item, i) => (i === 0 ? [item] : [',', item]));
}

// ---------------------------------------------------------------------------------------

/**
 * Writes tokens with a random but valid layout: one declaration per line as authors do, with
 * now and then extra spaces, blank lines, line comments, block comments between tokens and
 * tabs for indentation.
 */
class TokenWriter {
    private readonly parts: string[] = [];
    private depth = 0;

    constructor(private readonly random: Random, private readonly lineBreak: string) {}

    indent(delta: number): void {
        this.depth = Math.max(0, this.depth + delta);
    }

    line(content: string): void {
        this.tokens([content]);
    }

    tokens(tokens: readonly string[]): void {
        const random = this.random;
        let line = (random.chance(0.05) ? '\t' : '  ').repeat(this.depth);
        tokens.forEach((token, i) => {
            if (i > 0) {
                line += random.weighted<() => string>([
                    [() => ' ', 40],
                    [() => '  ', 2],
                    [() => `${this.lineBreak}${'  '.repeat(this.depth + 1)}`, 1],
                    [() => ` /* ${random.pick(['c', '*', '"', '//', 'not ('])} */ `, 1]
                ])();
            }
            line += token;
        });
        if (random.chance(0.05)) line += ` // ${random.pick(['note', 'a "quote"', '/* not a block', 'TODO: ()'])}`;
        this.parts.push(line);
        if (random.chance(0.05)) this.parts.push('');
    }

    text(): string {
        return this.parts.join(this.lineBreak) + (this.random.chance(0.9) ? this.lineBreak : '');
    }
}
