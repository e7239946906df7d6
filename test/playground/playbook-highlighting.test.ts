/** The playground editor's colours: what each piece of a `.playbook` text is taken for. */
import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { playbookLanguage } from '../../packages/playground/src/playbook-highlighting.js';

const language = playbookLanguage(['playbook', 'stage', 'probability', 'deal', 'for', 'enter', 'when', 'and']);

/** Each coloured piece of the text as `kind:text`, in order. */
function pieces(text: string): string[] {
    const state = EditorState.create({ doc: text, extensions: language });
    const tree = ensureSyntaxTree(state, text.length, 5_000)!;
    const found: string[] = [];
    tree.iterate({
        enter: node => {
            if (node.type.isTop) return;
            found.push(`${node.type.name}:${state.doc.sliceString(node.from, node.to)}`);
        }
    });
    return found;
}

describe('playground highlighting', () => {
    it.each([
        ['keywords, names and numbers', 'stage Development { probability 10% }',
            ['keyword:stage', 'typeName:Development', 'brace:{', 'keyword:probability', 'number:10%', 'brace:}']],
        ['a text with an escaped quote, then a name', 'playbook P "a \\"b\\" 客户" x',
            ['keyword:playbook', 'typeName:P', 'string:"a \\"b\\" 客户"', 'variableName:x']],
        ['names of CJK Extension B ideographs or starting with 〇 are one piece', 'stage 〇〇商事 𠮷野家',
            ['keyword:stage', 'variableName:〇〇商事', 'variableName:𠮷野家']],
        ['a combining accent belongs to the name', 'stage Cafe\u0301s', ['keyword:stage', 'typeName:Cafe\u0301s']],
        ['a date is one piece', '2026-01-03 enter Lead', ['number:2026-01-03', 'keyword:enter', 'typeName:Lead']],
        ['a line comment runs to the end of the line', 'when ok // and not this\nand', ['keyword:when', 'variableName:ok', 'comment:// and not this', 'keyword:and']],
        ['a block comment over lines, then code', '/* a\n * stage\n */ stage', ['comment:/* a', 'comment: * stage', 'comment: */', 'keyword:stage']]
    ])('%s', (_name, text, expected) => {
        expect(pieces(text)).toEqual(expected);
    });
});
