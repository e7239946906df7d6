/**
 * Texts an editor sees while an author types: the examples cut off at many places, with a
 * character deleted or a half-written construct inserted. Deterministic (a fixed-seed
 * generator), so a failure can be replayed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

export function exampleTexts(): string[] {
    return ['examples/big-account.playbook', 'examples/big-account-deals.playbook']
        .map(file => readFileSync(resolve(root, file), 'utf8'));
}

export function partialTexts(count: number, seed = 7): Array<{ text: string; cursor: number }> {
    const [playbook, deals] = exampleTexts();
    const base = `${playbook}\n${deals.slice(0, 2500)}`;
    let state = seed;
    const random = (n: number): number => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state % n;
    };
    const inserts = ['{', '}', '"', 'requires ', 'enter ', ' = ', '%', 'terminate Lost "', 'gate ', '2026-13-45 ', '\u0000'];
    const texts: Array<{ text: string; cursor: number }> = [];
    for (let i = 0; i < count; i++) {
        const cut = random(base.length);
        switch (i % 3) {
            case 0: texts.push({ text: base.slice(0, cut), cursor: cut }); break;
            case 1: texts.push({ text: base.slice(0, cut) + base.slice(cut + 1 + random(40)), cursor: cut }); break;
            default: {
                const insert = inserts[random(inserts.length)];
                texts.push({ text: base.slice(0, cut) + insert + base.slice(cut), cursor: cut + insert.length });
            }
        }
    }
    return texts;
}
