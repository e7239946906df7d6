import { describe, expect, it } from 'vitest';
import { endKindOfName } from '@playbook/model';

describe('endKindOfName', () => {
    it.each([
        ['Closed - Won', 'won'], ['Deal signed', 'won'], ['赢单', 'won'], ['已成交', 'won'],
        ['Closed Lost - Competitor', 'lost'], ['Disqualified', 'lost'], ['Dead', 'lost'], ['输单', 'lost'], ['No decision', 'lost'],
        ['Won/Lost review', 'lost'],
        ['Negotiation', undefined], ['Closed', undefined], ['Winning strategy', undefined], ['Lead', undefined]
    ])('%s → %s', (name, kind) => {
        expect(endKindOfName(name)).toBe(kind);
    });
});
