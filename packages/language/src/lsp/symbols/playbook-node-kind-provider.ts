/**
 * The kind of each declaration, for the outline, breadcrumbs, "Go to Symbol" and completion.
 * Langium's default calls everything a Field, so a playbook, its stages, tasks and gates and
 * the deals all shared one icon. Each gets a kind that editors draw with its own icon and
 * that reads sensibly: a playbook groups everything (a namespace), a stage holds tasks and
 * gates (a class), a task is something done (a method), a gate is a contract a deal must
 * meet to move on (an interface), an outcome is something that happens (an event), a deal is
 * one concrete instance (an object), an activity kind is a way of touching the customer (a
 * method, as the semantic tokens colour it). The same choices as the semantic token types, so that a
 * stage looks like a stage in the outline and in the text.
 */
import type { AstNode, AstNodeDescription } from 'langium';
import type { NodeKindProvider } from 'langium/lsp';
import { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';

const SYMBOL_KINDS: Record<string, SymbolKind> = {
    [ast.Playbook.$type]: SymbolKind.Namespace,
    [ast.Stage.$type]: SymbolKind.Class,
    [ast.Task.$type]: SymbolKind.Method,
    [ast.Gate.$type]: SymbolKind.Interface,
    [ast.Field.$type]: SymbolKind.Field,
    [ast.EnumValue.$type]: SymbolKind.EnumMember,
    [ast.Terminate.$type]: SymbolKind.Event,
    [ast.Deal.$type]: SymbolKind.Object,
    [ast.Activity.$type]: SymbolKind.Method
};

/** Completion has no Namespace nor Object: the nearest kinds with an icon of their own. */
const COMPLETION_KINDS: Record<string, CompletionItemKind> = {
    [ast.Playbook.$type]: CompletionItemKind.Module,
    [ast.Stage.$type]: CompletionItemKind.Class,
    [ast.Task.$type]: CompletionItemKind.Method,
    [ast.Gate.$type]: CompletionItemKind.Interface,
    [ast.Field.$type]: CompletionItemKind.Field,
    [ast.EnumValue.$type]: CompletionItemKind.EnumMember,
    [ast.Terminate.$type]: CompletionItemKind.Event,
    [ast.Deal.$type]: CompletionItemKind.Variable,
    [ast.Activity.$type]: CompletionItemKind.Method
};

export class PlaybookNodeKindProvider implements NodeKindProvider {
    getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return SYMBOL_KINDS[typeOf(node)] ?? SymbolKind.Field;
    }

    getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return COMPLETION_KINDS[typeOf(node)] ?? CompletionItemKind.Reference;
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return '$type' in node ? node.$type : node.type;
}
