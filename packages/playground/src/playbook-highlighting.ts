/**
 * Colours for `.playbook` text in the editor: keywords, strings, comments, dates, numbers.
 * A small tokenizer (the language server checks the text; this only colours it), with the
 * keywords of the language's grammar handed in by the build.
 */
import { StreamLanguage, type StringStream } from '@codemirror/language';

interface State { inBlockComment: boolean }

export function playbookLanguage(keywords: readonly string[]): StreamLanguage<State> {
    const keywordSet = new Set(keywords);
    return StreamLanguage.define<State>({
        name: 'playbook',
        startState: () => ({ inBlockComment: false }),
        token(stream: StringStream, state: State): string | null {
            if (!state.inBlockComment) {
                if (stream.eatSpace()) return null;
                if (stream.match('//')) {
                    stream.skipToEnd();
                    return 'comment';
                }
                state.inBlockComment = Boolean(stream.match('/*'));
            }
            if (state.inBlockComment) {
                if (stream.skipTo('*/')) {
                    stream.match('*/');
                    state.inBlockComment = false;
                } else {
                    stream.skipToEnd();
                }
                return 'comment';
            }
            if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
            if (stream.match(/^\d{4}-\d{2}-\d{2}\b/)) return 'number';
            if (stream.match(/^\d+(?:\.\d+)?%?/)) return 'number';
            // As the grammar's names: 〇 (U+3007, a letter number, not \p{L}) starts names such as
            // 〇〇商事, and combining accents (\p{M}) belong to the name.
            const word = stream.match(/^[\p{L}_\u3007][\p{L}\p{N}\p{M}_]*/u) as RegExpMatchArray | null;
            if (word) {
                if (word[0] === 'true' || word[0] === 'false') return 'bool';
                return keywordSet.has(word[0]) ? 'keyword' : /^\p{Lu}/u.test(word[0]) ? 'typeName' : 'variableName';
            }
            stream.next();
            return /[{}]/.test(stream.current()) ? 'brace' : 'operator';
        },
        languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } }
    });
}
