/**
 * Snippets for the statements an author writes again and again (a playbook, a stage, an
 * optional stage, a task, a gate, a terminate rule by hand or automatic, a deal, a deal's
 * event), offered by the server where the grammar allows the statement and nowhere else: each
 * hangs off the keyword that starts its statement, so none appears where only a name can go
 * (`requires |`, `stage |`). Filled from the file where that helps: the tasks a gate may
 * require, the outcomes already declared, the playbooks of the workspace and their stages.
 */
import { AstUtils, GrammarAST, type IndexManager } from 'langium';
import type { CompletionContext } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import * as ast from '../../generated/ast.js';
import { resolvePlaybook } from '../../scoping/playbook-variants.js';

export type Snippet = Pick<CompletionItem, 'label' | 'detail' | 'insertText' | 'filterText'>;

/** The snippets that start with `keyword` at this place of the grammar. */
export function statementSnippets(context: CompletionContext, keyword: GrammarAST.Keyword, indexManager: IndexManager): Snippet[] {
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
    switch (`${rule}:${keyword.value}`) {
        case `${ast.Playbook.$type}:playbook`:
            return [{ label: 'playbook', detail: 'New playbook with a field, two stages and a terminate rule', insertText: playbookSnippet() }];
        case `${ast.Stage.$type}:stage`:
            return [{ label: 'stage', detail: 'New stage with a task and a gate', insertText: stageSnippet() }];
        case `${ast.Stage.$type}:optional`:
            return [{ label: 'optional stage', detail: 'New stage deals may skip', insertText: optionalStageSnippet() }];
        case `${ast.Field.$type}:info`:
            return [{ label: 'info field', detail: 'New profile field: recorded for people to read, not a criterion', insertText: 'info field ${1:lastPurchase}: ${2|date,text,money,number,bool,days|}$0' }];
        case `${ast.Task.$type}:task`:
            return [{ label: 'task', detail: 'New task of this stage', insertText: 'task ${1:Name} "${2:What must be done}"${3: required} owner "${4:Sales}"$0' }];
        case `${ast.Gate.$type}:gate`:
            return [{ label: 'gate', detail: 'New gate (exit criteria of this stage)', insertText: gateSnippet(context) }];
        case `${ast.Terminate.$type}:terminate`:
            return [
                { label: 'terminate', detail: 'New terminate rule (how a deal can end)', insertText: terminateSnippet(context, '') },
                { label: 'terminate when', detail: 'New terminate rule that ends a deal when its condition holds', insertText: terminateSnippet(context, ' when ${3:condition}') }
            ];
        case `${ast.Cadence.$type}:cadence`:
            return [{ label: 'cadence', detail: 'New follow-up rule: how often a deal must be touched while it applies', insertText: 'cadence every ${1:7} days when ${2:condition}$0' }];
        case `${ast.Deal.$type}:deal`:
            return [{ label: 'deal', detail: 'New deal replayed against a playbook', insertText: dealSnippet(context, indexManager) }];
        default:
            return [];
    }
}

/**
 * At the start of a line of a deal, where an event may begin: today's date and the stage
 * after the last one entered. (An event may also follow another on its line, but nobody writes
 * them so: there the snippet would only be in the way.)
 */
export function eventSnippet(context: CompletionContext): Snippet | undefined {
    const deal = AstUtils.getContainerOfType(context.node, ast.isDeal);
    const lineStart = context.textDocument.offsetAt({ line: context.textDocument.positionAt(context.tokenOffset).line, character: 0 });
    if (!deal || context.textDocument.getText().substring(lineStart, context.tokenOffset).trim() !== '') return undefined;
    const stages = deal.playbook?.ref?.stages ?? [];
    const entered = deal.events.filter(ast.isEnterEvent).filter(e => e.$cstNode && e.$cstNode.offset < context.offset).at(-1)?.stage?.ref;
    const next = stages[entered ? stages.indexOf(entered) + 1 : 0] ?? stages[0];
    return {
        label: 'enter',
        filterText: 'enter',
        detail: 'Today: the deal enters a stage',
        insertText: `\${1:${today()}} enter \${2:${next?.name ? escapeSnippet(next.name) : 'Stage'}}$0`
    };
}

/** The item for a snippet: after the keywords and the names, a snippet is the slower, bigger choice. */
export function snippetItem(snippet: Snippet): CompletionItem {
    return { ...snippet, kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, sortText: '2' };
}

function playbookSnippet(): string {
    return [
        'playbook ${1:Name} {',
        '  title "${2:Title}"',
        '  version "1.0.0"',
        '',
        '  field ${3:budget}: ${4|money,number,bool,text,date,days|}',
        '',
        '  stage ${5:First} "${6:First stage}" {',
        '    probability ${7:10}%',
        '    task ${8:Task} "${9:What must be done}" required',
        '    gate ${10:Gate} "${11:Exit criteria}" {',
        '      requires ${8}',
        '    }',
        '  }',
        '',
        '  stage ${12:Last} {',
        '    probability ${13:90}%',
        '  }',
        '',
        '  terminate ${14:Lost} "${15:Customer withdrew}"',
        '}$0'
    ].join('\n');
}

function stageSnippet(): string {
    return [
        'stage ${1:Name} "${2:Title}" {',
        '  probability ${3:50}%',
        '  within ${4:30} days',
        '  task ${5:Task} "${6:What must be done}" required',
        '  gate ${1}Done {',
        '    requires ${5}',
        '  }',
        '}$0'
    ].join('\n');
}

function optionalStageSnippet(): string {
    return [
        'optional stage ${1:Name} "${2:Title}" {',
        '  probability ${3:40}%',
        '  task ${4:Task} "${5:What must be done}"',
        '  gate ${1}Done {',
        '    requires ${4}',
        '  }',
        '}$0'
    ].join('\n');
}

/** A gate requiring one of the tasks it may require: this stage's or an earlier one's. */
function gateSnippet(context: CompletionContext): string {
    const stage = AstUtils.getContainerOfType(context.node, ast.isStage);
    // A variant's stage may require the tasks of the stages it inherits before it.
    const stages = stage?.$container ? resolvePlaybook(stage.$container).stages : [];
    const tasks = stages.slice(0, stages.indexOf(stage!) + 1).flatMap(s => s.tasks).map(t => t.name).filter(Boolean);
    // The stage's own tasks first: the likeliest requirement.
    const ordered = [...tasks].reverse();
    const requires = ordered.length > 0 ? choice(3, ordered) : '${3:Task}';
    return [
        'gate ${1:Name} "${2:What must be true to move on}" {',
        `  requires ${requires}`,
        '  when ${4:condition}',
        '}$0'
    ].join('\n');
}

function terminateSnippet(context: CompletionContext, condition: string): string {
    const playbook = AstUtils.getContainerOfType(context.node, ast.isPlaybook);
    const outcomes = [...new Set(playbook?.terminations.map(t => t.name).filter(Boolean) ?? [])];
    const outcome = outcomes.length > 0 ? choice(1, [...outcomes, 'Lost']) : '${1:Lost}';
    return `terminate ${outcome} "\${2:Reason}"${condition}$0`;
}

/** A deal for a playbook of the workspace, starting in its first stage today. */
function dealSnippet(context: CompletionContext, indexManager: IndexManager): string {
    const local = (context.document.parseResult.value as ast.Document).elements?.filter(ast.isPlaybook) ?? [];
    const indexed = indexManager.allElements(ast.Playbook.$type).toArray();
    const names = [...new Set([...local.map(p => p.name), ...indexed.map(d => d.name)].filter(Boolean))];
    // The first stage of the playbook offered first: this file's own, else one of the workspace.
    const playbook = local[0] ?? indexed.map(d => d.node).find(ast.isPlaybook);
    const firstStage = playbook?.stages[0]?.name;
    return [
        `deal \${1:Name} for ${names.length > 0 ? choice(2, names) : '${2:Playbook}'} {`,
        `  \${3:${today()}} enter ${firstStage ? `\${4:${escapeSnippet(firstStage)}}` : '${4:Stage}'}`,
        '  $0',
        '}'
    ].join('\n');
}

function today(): string {
    return new Date().toISOString().slice(0, 10);
}

/** A choice placeholder; duplicates removed, since editors show each option once anyway. */
function choice(index: number, options: string[]): string {
    const unique = [...new Set(options)].map(o => o.replace(/[\\|,$}]/g, m => `\\${m}`));
    return `\${${index}|${unique.join(',')}|}`;
}

function escapeSnippet(text: string): string {
    return text.replace(/[\\$}]/g, m => `\\${m}`);
}
