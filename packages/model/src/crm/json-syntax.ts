/**
 * The offset of the first JSON syntax error, for messages that point at it: V8's JSON.parse
 * errors do not always carry a position. Only called on text JSON.parse rejected; a loop with
 * an explicit stack, so deeply nested input cannot overflow the call stack.
 */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\r\n]*/y;

export function firstSyntaxError(text: string): number {
    const stack: string[] = [];
    let state: 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'after' = 'value';
    let i = 0;
    const skip = (): void => { WHITESPACE.lastIndex = i; WHITESPACE.exec(text); i = WHITESPACE.lastIndex; };
    for (skip(); i < text.length; skip()) {
        const c = text[i];
        if (state === 'valueOrEnd' && c === ']' || state === 'keyOrEnd' && c === '}') {
            stack.pop(); i++; state = 'after'; continue;
        }
        if (state === 'valueOrEnd') state = 'value';
        if (state === 'keyOrEnd') state = 'key';
        switch (state) {
            case 'value':
                if (c === '{' || c === '[') { stack.push(c); i++; state = c === '{' ? 'keyOrEnd' : 'valueOrEnd'; continue; }
                if (c === '"') { const end = stringEnd(text, i); if (end < 0) return -end; i = end; state = 'after'; continue; }
                for (const word of ['true', 'false', 'null']) {
                    if (text.startsWith(word, i)) { i += word.length; state = 'after'; break; }
                }
                if (state === 'after') continue;
                NUMBER.lastIndex = i;
                if (NUMBER.exec(text)) { i = NUMBER.lastIndex; state = 'after'; continue; }
                return i;
            case 'key': {
                if (c !== '"') return i;
                const end = stringEnd(text, i);
                if (end < 0) return -end;
                i = end; state = 'colon'; continue;
            }
            case 'colon':
                if (c !== ':') return i;
                i++; state = 'value'; continue;
            case 'after': {
                const top = stack[stack.length - 1];
                if (c === ',' && top) { i++; state = top === '{' ? 'key' : 'value'; continue; }
                if (c === '}' && top === '{' || c === ']' && top === '[') { stack.pop(); i++; continue; }
                return i;
            }
        }
    }
    return state === 'after' && stack.length === 0 ? text.length : i;
}

/** The offset after a string's closing quote, or minus the offset of what is wrong in it. */
function stringEnd(text: string, start: number): number {
    for (let i = start + 1; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 0x22) return i + 1;
        if (code < 0x20) return -i;
        if (code === 0x5c) {
            const next = text[i + 1];
            if (next === 'u') {
                if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -i;
                i += 5;
            } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
                i++;
            } else {
                return -i;
            }
        }
    }
    return -text.length;
}
