/**
 * Langium's value converter builds a text in quotes one character at a time (`result += c`),
 * which V8 keeps as a chain of concatenations: a 30-character title held some 290 bytes of
 * chained pieces for as long as the tree lived, a twentieth of a large playbook's memory. A
 * text without escapes is the token's inside, one slice; one with escapes is converted as
 * Langium converts it.
 */
import { DefaultValueConverter, GrammarAST, type CstNode, type ValueType } from 'langium';

export class PlaybookValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'STRING' && input.length >= 2 && !input.includes('\\')) {
            return input.slice(1, -1);
        }
        return super.runConverter(rule, input, cstNode);
    }
}
