/**
 * A string as one of its own. V8 gives a piece of 13 characters or more of a string as a
 * slice that keeps the whole string alive: a name read from a document's text keeps that
 * text for as long as the name is kept. A copy of the characters keeps nothing else.
 */

/** The shortest piece V8 gives as a slice; shorter pieces are copied already. */
const SLICED_MIN_LENGTH = 13;

export function ownString(text: string): string {
    return text.length >= SLICED_MIN_LENGTH ? (` ${text}`).slice(1) : text;
}
