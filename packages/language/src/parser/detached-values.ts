/**
 * Values a reparse reads from the new text as strings of their own. V8 gives a piece of 13
 * characters or more of a string as a slice that keeps the whole string alive: a name or a
 * title read from a keystroke's text kept that text (the whole document, some 470 KB for
 * 5,000 lines) for as long as its member lived, and a member reparsed from the stand-in kept
 * the stand-in. Over a typing session a dozen old texts were held so. A full parse still
 * reads slices of its text, which its tree keeps anyway.
 */
import { ownString } from '@playbook/model';
import { isReference, type AstNode } from 'langium';
import { forEachAstNode } from '../utils/ast-walk.js';

/** `value` as a string of its own when it is a string (copying a slice's characters frees its parent). */
export function detached<T>(value: T): T {
    return typeof value === 'string' ? ownString(value) as T : value;
}

/** Gives every string value of the nodes of `root`'s subtree, and the text of each reference, a string of its own. */
export function detachValues(root: AstNode): void {
    forEachAstNode(root, node => {
        const record = node as unknown as Record<string, unknown>;
        for (const key in record) {
            if (key.charCodeAt(0) === 0x24 /* $ */) continue;
            const value = record[key];
            if (Array.isArray(value)) {
                for (let i = 0; i < value.length; i++) value[i] = detachedItem(value[i]);
            } else {
                record[key] = detachedItem(value);
            }
        }
    });
}

function detachedItem(item: unknown): unknown {
    if (isReference(item)) {
        (item as { $refText: string }).$refText = detached(item.$refText);
        return item;
    }
    return detached(item);
}
