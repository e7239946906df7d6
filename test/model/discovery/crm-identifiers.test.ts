import { describe, expect, it } from 'vitest';
import { invalidNameReason, NameAllocator, suggestName } from '@playbook/model';

describe('suggestName', () => {
    it.each([
        ['Needs Analysis', 'NeedsAnalysis'],
        ['Proposal/Price Quote', 'ProposalPriceQuote'],
        ['Id. Decision Makers', 'IdDecisionMakers'],
        ['closed won', 'ClosedWon'],
        ['Négociation', 'Négociation'],
        ['陌生期', '陌生期'],
        ['商务 谈判', '商务谈判'],
        ['1st call', '_1stCall'],
        ['stage', 'Stage'],
        ['!!!', '']
    ])('%s → %s', (text, name) => {
        expect(suggestName(text)).toBe(name);
        if (name !== '') expect(invalidNameReason(name)).toBeUndefined();
    });
});

describe('NameAllocator', () => {
    it('hands each name out once, and falls back for a text with no letter', () => {
        const names = new NameAllocator();
        names.reserve('Lost');
        expect(['Demo', 'demo', 'Lost', '!!!', '???', 'when'].map(text => names.allocate(text, 'Stage'))).toEqual(['Demo', 'Demo2', 'Lost2', 'Stage', 'Stage2', 'When']);
    });

    it('keeps a keyword out: with capitals off, a keyword gets a trailing _', () => {
        const names = new NameAllocator();
        expect(names.allocate('stage', 'Stage', { capitalize: false })).toBe('stage_');
        expect(names.allocate('amount', 'amount', { capitalize: false })).toBe('amount');
    });
});
