/**
 * The `detail` an outline shows beside a symbol's name: the words a salesperson knows the
 * declaration by. A stage `Development "客户开发"` is listed as `Development  客户开发`, a
 * field with its type, an outcome with its reason, a deal with its title and its playbook.
 */
import type { AstNode } from 'langium';
import * as ast from '../../generated/ast.js';
import { fieldTypeText } from '../hover/declaration-descriptions.js';

export function symbolDetail(node: AstNode): string | undefined {
    if (ast.isPlaybook(node)) {
        return node.titles[0];      // the first title counts; a repeat is a duplicate-attribute error
    }
    if (ast.isTask(node) || ast.isGate(node) || ast.isActivity(node)) {
        return node.title;
    }
    if (ast.isStage(node)) {
        return join(node.title, node.optional ? 'optional' : undefined);
    }
    if (ast.isField(node)) {
        return node.type ? fieldTypeText(node) : undefined;
    }
    if (ast.isTerminate(node)) {
        return node.reason;
    }
    if (ast.isDeal(node)) {
        return join(node.title, node.playbook?.$refText ? `for ${node.playbook.$refText}` : undefined);
    }
    return undefined;
}

function join(...parts: Array<string | undefined>): string | undefined {
    const present = parts.filter((part): part is string => part !== undefined && part !== '');
    return present.length > 0 ? present.join(' · ') : undefined;
}
