/**
 * Every name a reference can resolve to, as one text per playbook and per document: the
 * playbooks and deals of a document; a playbook's stages in order, each with its tasks; its
 * fields with their types (an enum's values in order); its outcomes and activity kinds;
 * for a variant, its base's name, its drops and where its stages go. Two trees with the same
 * text resolve every name to the declaration in the same place, and every check that reads
 * a declaration only for its name, its place or its type (a gate's task of a later stage, a
 * condition's types, a `set` value's enum) gives the same result. What an edit that keeps
 * the text may change is then confined to the members it replaced: the linker and the
 * validator redo only those (see `PlaybookLinker`, `PlaybookDocumentValidator`).
 */
import * as ast from '../generated/ast.js';
import { basesOf, resolvePlaybook, type ResolvedPlaybook } from './playbook-variants.js';

/** Separates the parts of an entry; names are identifiers, which never hold it. */
const SEP = '\u0000';
/** Separates the entries (a stage, a task, a field, …): what `nameDelta` compares. */
const ENTRY = '\u0002';

export class DeclarationSignatures {
    /** A tree's nodes never change their content (an edit gives copies), so the text is kept per node. */
    private readonly playbooks = new WeakMap<ast.Playbook, string>();
    /** Per resolution: the same object while the playbook and each of its bases are the same nodes. */
    private readonly resolutions = new WeakMap<ResolvedPlaybook, string>();
    private readonly stages = new WeakMap<ast.Stage, string>();
    /** The last signature computed per playbook name: an equal one is given as that very string (see `intern`). */
    private readonly lastSignatures = new Map<string, string>();
    private internedLength = 0;

    /**
     * The playbook's own declarations, and what decides which of its bases' it has: its base's
     * name, its drops, where its stages go (a gate's task may become a later stage's). A
     * stage's `optional`, a field's `info` and a rule's reason are no names, but are read
     * across members by checks of the whole playbook; kept here too, so that a member check
     * that comes to read them stays right (changing them is rare while typing).
     */
    ofPlaybook(playbook: ast.Playbook): string {
        let signature = this.playbooks.get(playbook);
        if (signature === undefined) {
            const entries: string[] = [entry('P', nameOf(playbook), 'B', playbook.base?.$refText ?? '\u0001')];
            for (const drop of playbook.drops) {
                if (ast.isDropStages(drop)) entries.push(entry('-S', ...drop.stages.map(reference => reference.$refText)));
                else if (ast.isDropFields(drop)) entries.push(entry('-F', ...drop.fields.map(reference => reference.$refText)));
                else entries.push(entry('-T', drop.outcome?.$refText ?? '\u0001', drop.reason ?? '\u0001'));
            }
            for (const stage of playbook.stages) entries.push(this.ofStage(stage));
            for (const field of playbook.fields) {
                entries.push(entry('F', nameOf(field), typeOf(field.type), field.informational ? 'i' : ''));
            }
            for (const rule of playbook.terminations) entries.push(entry('T', nameOf(rule), rule.reason ?? '\u0001'));
            for (const activity of playbook.activities) entries.push(entry('A', nameOf(activity)));
            signature = this.intern(`P${SEP}${nameOf(playbook)}`, entries.join(ENTRY));
            this.playbooks.set(playbook, signature);
        }
        return signature;
    }

    /**
     * A stage's entries: the stage, then each of its tasks. Kept per stage node: a keystroke
     * gives a new playbook node but keeps every stage it did not reparse.
     */
    private ofStage(stage: ast.Stage): string {
        let signature = this.stages.get(stage);
        if (signature === undefined) {
            const entries = [entry('S', nameOf(stage), stage.optional ? 'o' : '', stage.placement ?? '', stage.anchor?.$refText ?? '')];
            for (const task of stage.tasks) entries.push(entry('t', nameOf(task)));
            signature = entries.join(ENTRY);
            this.stages.set(stage, signature);
        }
        return signature;
    }

    /**
     * The declarations a playbook has once resolved: a variant's are its bases' with its
     * changes, which the own signatures of the playbook and its bases decide (a variant is
     * resolved by names).
     */
    ofResolved(playbook: ast.Playbook): string {
        const resolved = resolvePlaybook(playbook);
        if (!resolved.base && !resolved.cycle) return this.ofPlaybook(playbook);
        let signature = this.resolutions.get(resolved);
        if (signature === undefined) {
            const chain = [playbook, ...basesOf(resolved)].map(node => this.ofPlaybook(node));
            if (resolved.cycle) chain.push(entry('cycle', String(resolved.cycle.length)));
            signature = this.intern(`R${SEP}${nameOf(playbook)}`, chain.join(`${ENTRY}<${ENTRY}`));
            this.resolutions.set(resolved, signature);
        }
        return signature;
    }

    /**
     * `signature`, or the equal string computed last for the same playbook: a keystroke
     * gives the playbook a new node, and so a new signature, most often equal to the last.
     * Caches keyed by a signature then compare it by reference, not some 20 KB of text.
     */
    private intern(key: string, signature: string): string {
        const last = this.lastSignatures.get(key);
        if (last === signature) return last;
        // Bounded in entries and in text: names come and go (a renamed playbook, files closed).
        if (this.lastSignatures.size >= 1_000 || this.internedLength > 16_000_000) {
            this.lastSignatures.clear();
            this.internedLength = 0;
        }
        this.lastSignatures.set(key, signature);
        this.internedLength += signature.length;
        return signature;
    }

    ofDocument(root: ast.Document): string {
        const parts: string[] = [];
        for (const element of root.elements ?? []) {
            parts.push(ast.isPlaybook(element) ? this.ofPlaybook(element) : entry('D', nameOf(element)));
        }
        return parts.join(`${ENTRY}|${ENTRY}`);
    }

    /**
     * The names whose declarations differ between two signatures (of a document, or an
     * environment holding one), when all that differs is tasks added, removed or renamed,
     * and stages renamed in place (each keeping its place, `optional`, placement and anchor;
     * only where no playbook is a variant); `undefined` for any other difference. Typing a
     * new task's or stage's name changes only that: every reference of another name resolves
     * as before, to a declaration in the same place, and every check of a member that neither
     * declares nor names one of these names gives what it gave (see `PlaybookDocumentValidator`).
     */
    nameDelta(before: string, after: string): ReadonlySet<string> | undefined {
        const a = before.split(ENTRY), b = after.split(ENTRY);
        let prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
        let suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
        const removed = a.slice(prefix, a.length - suffix), added = b.slice(prefix, b.length - suffix);
        const names = new Set<string>();
        const isTask = (e: string): boolean => e.startsWith(`t${SEP}`);
        if (removed.every(isTask) && added.every(isTask)) {
            for (const e of [...removed, ...added]) names.add(e.slice(2));
            return names;
        }
        // A variant resolves by stage names: its stages replace its bases' of the same name and
        // are placed by them (`stage Trial before Demo`), so renaming a stage of a variant or
        // of a base changes which stages (and tasks) it has. Stages are renamed freely only
        // where there is no variant.
        if (removed.length !== added.length || a.some(isVariantEntry) || b.some(isVariantEntry)) return undefined;
        for (let i = 0; i < removed.length; i++) {
            const [was, now] = [removed[i], added[i]];
            if (isTask(was) && isTask(now)) {
                names.add(was.slice(2)).add(now.slice(2));
                continue;
            }
            if (!was.startsWith(`S${SEP}`) || !now.startsWith(`S${SEP}`)) return undefined;
            const wasParts = was.split(SEP), nowParts = now.split(SEP);
            if (wasParts.slice(2).join(SEP) !== nowParts.slice(2).join(SEP)) return undefined;
            names.add(wasParts[1]).add(nowParts[1]);
        }
        return names;
    }
}

/** Whether an entry is a variant's header, or the link of a resolved chain. */
function isVariantEntry(e: string): boolean {
    return e === '<' || (e.startsWith(`P${SEP}`) && e.split(SEP)[3] !== '\u0001');
}

/**
 * The parts of an entry, joined. A text that holds a separator (a reason may hold any
 * character) is written as JSON, and so is one that starts with a quote, which no other
 * text can then be mistaken for.
 */
function entry(...parts: string[]): string {
    for (let i = 0; i < parts.length; i++) {
        if (SEPARATORS.test(parts[i])) parts[i] = JSON.stringify(parts[i]);
    }
    return parts.join(SEP);
}

const SEPARATORS = /[\u0000\u0002]|^"/;

/** A name the parser could not read (after a syntax error) is told apart from every written one. */
function nameOf(node: { name?: string }): string {
    return node.name === undefined ? '\u0001' : node.name;
}

function typeOf(type: ast.FieldType | undefined): string {
    if (type === undefined) return '\u0001';
    if (ast.isEnumType(type)) return `enum{${type.values.map(nameOf).join(',')}}`;
    return type.kind ?? '\u0001';
}
