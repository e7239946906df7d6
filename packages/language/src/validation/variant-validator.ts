/**
 * Checks of a variant as a whole (see playbook-variants.ts): a `variant of` chain that comes
 * back to the playbook, and what the variant inherits that still names something it dropped
 * or replaced away. The variant's own declarations are checked like any playbook's (their
 * names resolve in the resolved playbook, so a gate of the variant requiring a dropped task is
 * an unresolved name on its line); what is inherited is reported on the variant's `drop` or
 * replacing declaration that broke it, since the base, in its own file, is not wrong.
 */
import { IssueCodes } from '@playbook/model';
import type { AstNode, ValidationAcceptor } from 'langium';
import * as ast from '../generated/ast.js';
import { forEachAstNode } from '../utils/ast-walk.js';
import { resolvePlaybook, type ResolvedPlaybook } from '../scoping/playbook-variants.js';

export class VariantValidator {
    checkPlaybook(playbook: ast.Playbook, accept: ValidationAcceptor): void {
        if (!playbook.base) return;
        const resolved = resolvePlaybook(playbook);
        if (resolved.cycle) {
            const path = [...resolved.cycle, playbook].map(p => p.name).join(' → ');
            accept('error', `${playbook.name} is a variant of itself through ${path}: a variant's base must not come back to it. Remove one of these 'variant of'.`,
                { node: playbook, property: 'base', code: IssueCodes.VariantCycle });
            return;
        }
        if (!resolved.base) return;
        checkInheritedNames(resolved, accept);
        checkDroppedReasons(resolved.base, playbook, accept);
        checkReplacedFields(resolved, accept);
        checkNamesAcrossBase(resolved, accept);
    }
}

/**
 * A field the variant replaces is still read by what it inherits, written for the base's
 * type: the replacement must keep the type (and an enum the values those conditions name),
 * or every inherited condition on it would compare across types.
 */
function checkReplacedFields(resolved: ResolvedPlaybook, accept: ValidationAcceptor): void {
    if (resolved.changes.replacedFields.length === 0) return;
    const variant = resolved.playbook;
    const readers = new Map<string, { user: string; values: Set<string> }>();
    const read = (conditions: readonly ast.Expression[], user: string): void => {
        for (const condition of conditions) {
            forEachAstNode(condition, node => {
                if (ast.isValueReference(node) && ast.isField(node.symbol?.ref)) {
                    const entry = readers.get(node.symbol.$refText) ?? { user, values: new Set<string>() };
                    readers.set(node.symbol.$refText, entry);
                }
                if (ast.isMembershipExpression(node) && ast.isValueReference(node.operand) && node.operand.symbol) {
                    // (Visited before its operand: the entry is made here when it is the first reader.)
                    const name = node.operand.symbol.$refText;
                    const entry = readers.get(name) ?? { user, values: new Set<string>() };
                    readers.set(name, entry);
                    for (const value of node.values) entry.values.add(value.$refText);
                }
            });
        }
    };
    for (const stage of named(resolved.stages).filter(s => ownerOf(s) !== variant)) {
        for (const gate of named(stage.gates)) read(gate.conditions, `gate ${gate.name} of stage ${stage.name}`);
    }
    for (const rule of named(resolved.terminations).filter(r => ownerOf(r) !== variant)) read(rule.conditions, `terminate ${rule.name} "${rule.reason ?? ''}"`);
    for (const rule of resolved.cadences.filter(r => ownerOf(r) !== variant)) read(rule.conditions, rule.title !== undefined ? `cadence "${rule.title}"` : 'a cadence');
    // An inherited `forecast` weighs the field as a number.
    const forecast = !variant.forecasts[0] ? resolved.forecast?.$refText : undefined;
    for (const [own, inherited] of resolved.changes.replacedFields) {
        const reader = readers.get(own.name) ?? (forecast === own.name ? { user: 'the forecast', values: new Set<string>() } : undefined);
        if (!reader) continue;
        const ownType = typeName(own), baseType = typeName(inherited);
        // Money and plain numbers compare with each other (see expression-types.ts): either reads as the other.
        const numeric = (type: string): boolean => type === 'money' || type === 'number';
        if (ownType !== baseType && !(numeric(ownType) && numeric(baseType))) {
            accept('error', `Field ${own.name} is ${baseType} in ${resolved.base?.playbook.name}, and ${reader.user} (from there) reads it so: replacing it as ${ownType} breaks that. Keep the type, or replace what reads it too.`,
                { node: own, property: 'type', code: IssueCodes.TypeMismatch });
            continue;
        }
        if (ast.isEnumType(own.type)) {
            const values = new Set(own.type.values.map(v => v.name));
            const missing = [...reader.values].filter(value => !values.has(value));
            if (missing.length > 0) {
                accept('error', `Field ${own.name} no longer has ${missing.length === 1 ? 'the value' : 'the values'} ${missing.join(', ')}, which ${reader.user} (from ${resolved.base?.playbook.name}) names. Keep ${missing.length === 1 ? 'it' : 'them'}, or replace what names ${missing.length === 1 ? 'it' : 'them'} too.`,
                    { node: own, property: 'type', code: IssueCodes.TypeMismatch });
            }
        }
    }
}

function typeName(field: ast.Field): string {
    return ast.isEnumType(field.type) ? 'enum' : ast.isPrimitiveType(field.type) ? field.type.kind : '?';
}

/**
 * A task or gate the variant declares with the name of one it inherits in another stage:
 * names are playbook-wide, and a deal's `done X` could mean either.
 */
function checkNamesAcrossBase(resolved: ResolvedPlaybook, accept: ValidationAcceptor): void {
    const variant = resolved.playbook;
    for (const kind of ['task', 'gate'] as const) {
        const inherited = new Map<string, ast.Stage>();
        for (const stage of named(resolved.stages).filter(s => ownerOf(s) !== variant)) {
            for (const member of kind === 'task' ? stage.tasks : stage.gates) if (member.name && !inherited.has(member.name)) inherited.set(member.name, stage);
        }
        for (const stage of resolved.stages.filter(s => ownerOf(s) === variant)) {
            for (const member of kind === 'task' ? stage.tasks : stage.gates) {
                const other = inherited.get(member.name);
                if (other) {
                    accept('error', `Stage ${other.name}, inherited from ${resolved.base?.playbook.name}, already has a ${kind} named '${member.name}'; names must be unique in the playbook.`,
                        { node: member, property: 'name', code: IssueCodes.DuplicateName });
                }
            }
        }
    }
}

/** `drop terminate Lost "reason"` must name a rule of the base (an unknown outcome is a linking error). */
function checkDroppedReasons(base: ResolvedPlaybook, variant: ast.Playbook, accept: ValidationAcceptor): void {
    for (const drop of variant.drops.filter(ast.isDropTerminations)) {
        const outcome = drop.outcome?.$refText;
        if (drop.reason === undefined || !outcome || !base.terminations.some(t => t.name === outcome)) continue;
        if (!base.terminations.some(t => t.name === outcome && t.reason === drop.reason)) {
            const reasons = base.terminations.filter(t => t.name === outcome).map(t => `"${t.reason ?? ''}"`).join(', ');
            accept('error', `${base.playbook.name} has no rule ${outcome} "${drop.reason}" to drop; its ${outcome} rules are ${reasons}.`,
                { node: drop, property: 'reason', code: IssueCodes.DropUnknown });
        }
    }
}

/** What the variant inherits must still find the tasks, fields and stages it names. */
function checkInheritedNames(resolved: ResolvedPlaybook, accept: ValidationAcceptor): void {
    const variant = resolved.playbook;
    const inherited = <T extends AstNode>(node: T): boolean => ownerOf(node) !== variant;
    const tasks = new Set(resolved.stages.flatMap(s => s.tasks.map(t => t.name)));
    const fields = new Set(resolved.fields.map(f => f.name));
    const stages = new Set(resolved.stages.map(s => s.name));
    const baseName = resolved.base?.playbook.name ?? '';

    const fieldsRead = (conditions: readonly ast.Expression[], user: string): void => {
        for (const condition of conditions) {
            forEachAstNode(condition, node => {
                if (!ast.isValueReference(node) || !ast.isField(node.symbol?.ref)) return;
                const name = node.symbol.$refText;
                if (!fields.has(name)) report(resolved, 'field', name, `${user} (from ${baseName}) reads field ${name}`, accept);
            });
        }
    };
    const notBefore = (references: ReadonlyArray<{ $refText: string }>, user: string): void => {
        for (const reference of references) {
            const name = reference.$refText;
            if (!stages.has(name)) report(resolved, 'stage', name, `${user} (from ${baseName}) may not happen before stage ${name}`, accept);
        }
    };
    for (const field of named(resolved.fields).filter(inherited)) notBefore(field.notBefore, `field ${field.name}`);
    for (const stage of named(resolved.stages).filter(inherited)) {
        for (const task of named(stage.tasks)) notBefore(task.notBefore, `task ${task.name} of stage ${stage.name}`);
        for (const gate of named(stage.gates)) {
            const user = `gate ${gate.name} of stage ${stage.name}`;
            for (const reference of gate.requires) {
                const name = reference.$refText;
                if (!tasks.has(name)) report(resolved, 'task', name, `${user} (from ${baseName}) requires task ${name}`, accept);
            }
            fieldsRead(gate.conditions, user);
        }
    }
    for (const rule of named(resolved.terminations).filter(inherited)) {
        const user = `terminate ${rule.name} "${rule.reason ?? ''}"`;
        for (const reference of rule.from) {
            const name = reference.$refText;
            if (!stages.has(name)) report(resolved, 'stage', name, `${user} (from ${baseName}) applies from stage ${name}`, accept);
        }
        fieldsRead(rule.conditions, user);
    }
    for (const rule of resolved.cadences.filter(inherited)) {
        const user = rule.title !== undefined ? `cadence "${rule.title}"` : `a cadence of every ${rule.everyDays} days`;
        for (const reference of rule.stages) {
            const name = reference.$refText;
            if (!stages.has(name)) report(resolved, 'stage', name, `${user} (from ${baseName}) applies during stage ${name}`, accept);
        }
        fieldsRead(rule.conditions, user);
    }
    const forecast = resolved.base?.forecast;
    if (forecast && !variant.forecasts[0] && !fields.has(forecast.$refText)) {
        report(resolved, 'field', forecast.$refText, `the forecast (from ${baseName}) weighs field ${forecast.$refText}`, accept);
    }
}

/**
 * Reports that `use` names a `kind` the variant no longer has, on what took it away: the
 * `drop` naming it (or its stage), or the variant's stage that replaced the one holding it.
 */
function report(resolved: ResolvedPlaybook, kind: 'task' | 'field' | 'stage', name: string, use: string, accept: ValidationAcceptor): void {
    const variant = resolved.playbook;
    // (A variant whose own name did not parse is still the one being fixed.)
    const fix = `drop or replace that in ${variant.name || 'this variant'} too, or keep the ${kind}.`;
    if (kind === 'task') {
        const replacing = resolved.changes.replacedStages.find(([own, base]) => base.tasks.some(t => t.name === name) && !own.tasks.some(t => t.name === name));
        if (replacing) {
            accept('error', `Stage ${replacing[0].name} replaces ${resolved.base?.playbook.name}'s without task ${name}, but ${use}: ${fix}`,
                { node: replacing[0], property: 'name', code: IssueCodes.DroppedInUse });
            return;
        }
        const stage = resolved.changes.droppedStages.find(s => s.tasks.some(t => t.name === name));
        if (stage) {
            reportOnDrop(variant, ast.isDropStages, d => d.stages, stage.name,
                `Stage ${stage.name} is dropped with its task ${name}, but ${use}: ${fix}`, accept);
        }
        return;
    }
    if (kind === 'stage') {
        reportOnDrop(variant, ast.isDropStages, d => d.stages, name, `Stage ${name} is dropped, but ${use}: ${fix}`, accept);
        return;
    }
    reportOnDrop(variant, ast.isDropFields, d => d.fields, name, `Field ${name} is dropped, but ${use}: ${fix}`, accept);
}

function reportOnDrop<D extends ast.DropStages | ast.DropFields>(
    variant: ast.Playbook, is: (node: unknown) => node is D, targets: (drop: D) => ReadonlyArray<{ $refText: string }>,
    name: string, message: string, accept: ValidationAcceptor
): void {
    for (const drop of variant.drops) {
        if (!is(drop)) continue;
        const index = targets(drop).findIndex(r => r.$refText === name);
        if (index >= 0) {
            accept('error', message, { node: drop, property: (ast.isDropStages(drop) ? 'stages' : 'fields') as never, index, code: IssueCodes.DroppedInUse });
            return;
        }
    }
}

/**
 * The declarations whose name the parser read: what the variant inherits is described by its
 * names, and a base's declaration without one (`stage stage {`) has its syntax error to say
 * what is wrong.
 */
function named<T extends { name?: string }>(nodes: readonly T[]): T[] {
    return nodes.filter(node => Boolean(node.name));
}

function ownerOf(node: AstNode): ast.Playbook | undefined {
    let current: AstNode | undefined = node;
    while (current && !ast.isPlaybook(current)) current = current.$container;
    return current;
}
