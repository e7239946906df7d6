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

/** Separates the parts; names are identifiers, which never hold it. */
const SEP = '\u0000';

export class DeclarationSignatures {
    /** A tree's nodes never change their content (an edit gives copies), so the text is kept per node. */
    private readonly playbooks = new WeakMap<ast.Playbook, string>();
    /** Per resolution: the same object while the playbook and each of its bases are the same nodes. */
    private readonly resolutions = new WeakMap<ResolvedPlaybook, string>();

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
            const parts: string[] = ['P', nameOf(playbook), 'B', playbook.base?.$refText ?? '\u0001'];
            for (const drop of playbook.drops) {
                if (ast.isDropStages(drop)) parts.push('-S', ...drop.stages.map(reference => reference.$refText));
                else if (ast.isDropFields(drop)) parts.push('-F', ...drop.fields.map(reference => reference.$refText));
                else parts.push('-T', drop.outcome?.$refText ?? '\u0001', drop.reason ?? '\u0001');
            }
            for (const stage of playbook.stages) {
                parts.push('S', nameOf(stage), stage.optional ? 'o' : '', stage.placement ?? '', stage.anchor?.$refText ?? '');
                for (const task of stage.tasks) parts.push('t', nameOf(task));
            }
            for (const field of playbook.fields) {
                parts.push('F', nameOf(field), typeOf(field.type), field.informational ? 'i' : '');
            }
            for (const rule of playbook.terminations) parts.push('T', nameOf(rule), rule.reason ?? '\u0001');
            for (const activity of playbook.activities) parts.push('A', nameOf(activity));
            signature = parts.join(SEP);
            this.playbooks.set(playbook, signature);
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
            if (resolved.cycle) chain.push(`cycle${SEP}${resolved.cycle.length}`);
            signature = chain.join(`${SEP}<${SEP}`);
            this.resolutions.set(resolved, signature);
        }
        return signature;
    }

    ofDocument(root: ast.Document): string {
        const parts: string[] = [];
        for (const element of root.elements ?? []) {
            parts.push(ast.isPlaybook(element) ? this.ofPlaybook(element) : `D${SEP}${nameOf(element)}`);
        }
        return parts.join(`${SEP}|${SEP}`);
    }
}

/** A name the parser could not read (after a syntax error) is told apart from every written one. */
function nameOf(node: { name?: string }): string {
    return node.name === undefined ? '\u0001' : node.name;
}

function typeOf(type: ast.FieldType | undefined): string {
    if (type === undefined) return '\u0001';
    if (ast.isEnumType(type)) return `enum{${type.values.map(nameOf).join(',')}}`;
    return type.kind ?? '\u0001';
}
