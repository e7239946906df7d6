/**
 * `today` in conditions: at a deal's event it is the event's date; for an open deal's pending
 * automatic rules it is the reference date (`asOf`, else `today`), looked at once more after
 * the last event.
 */
import { describe, expect, it } from 'vitest';
import { createPlaybookServices, exportPlaybooks, dealsOfDocuments, validateText, type ast } from '@playbook/language';
import { compilePlaybook, simulateDeal, type DealModel, type PlaybookModel, type ReplayOptions } from '@playbook/model';

const services = createPlaybookServices();

const text = `playbook Contracts {
  field signedOn: date
  field lastContact: date
  stage Signed {
    task Sign required
    gate Cooled { when signedOn + 14 days < today }
  }
  stage Delivery {}
  terminate Lost "No contact for 60 days" when lastContact + 60 days < today
}

deal Early for Contracts {
  2026-03-01 set signedOn = 2026-03-01
  2026-03-01 set lastContact = 2026-03-01
  2026-03-01 done Sign
  2026-03-10 enter Delivery
}

deal OnTime for Contracts {
  2026-03-01 set signedOn = 2026-03-01
  2026-03-01 set lastContact = 2026-03-01
  2026-03-01 done Sign
  2026-03-20 enter Delivery
}

deal Quiet for Contracts {
  2026-03-01 set signedOn = 2026-03-01
  2026-03-01 set lastContact = 2026-03-01
}

deal StaleOnAnEvent for Contracts {
  2026-01-01 set lastContact = 2026-01-01
  2026-04-01 done Sign
}
`;

async function load(): Promise<{ playbook: PlaybookModel; deals: Map<string, DealModel> }> {
    const { document } = await validateText(services, text);
    const root = document.parseResult.value as ast.Document;
    return { playbook: exportPlaybooks(root)[0].playbook, deals: new Map(dealsOfDocuments([root]).map(d => [d.name, d])) };
}

async function replay(name: string, options?: ReplayOptions) {
    const { playbook, deals } = await load();
    return simulateDeal(compilePlaybook(playbook), deals.get(name)!, options);
}

describe('today', () => {
    it('is exported as an expression node of its own kind', async () => {
        const { playbook } = await load();
        expect(playbook.stages[0].gates[0].when[0]).toEqual({
            kind: 'binary', operator: '<',
            left: { kind: 'binary', operator: '+', left: { kind: 'field', name: 'signedOn' }, right: { kind: 'number', value: 14, unit: 'days' } },
            right: { kind: 'today' }
        });
    });

    it('is, in a gate, the date of the event that leaves the stage', async () => {
        const early = await replay('Early');
        expect(early.violations.map(v => [v.code, v.date, v.message])).toEqual([[
            'gate-not-met', '2026-03-10',
            'Leaves Signed while its gate Cooled does not hold: `signedOn + 14 days < today` is false (signedOn is 2026-03-01, today is 2026-03-10).'
        ]]);
        expect((await replay('OnTime')).violations).toEqual([]);
    });

    it('is, in an automatic rule, the date of each event', async () => {
        const result = await replay('StaleOnAnEvent');
        expect(result.outcome).toMatchObject({ kind: 'terminated', outcome: 'Lost', automatic: true, date: '2026-04-01' });
    });

    it('is, for an open deal\'s pending rules, the reference date: asOf, else today', async () => {
        expect((await replay('Quiet')).outcome).toEqual({ kind: 'open', stage: 'Signed' });
        expect((await replay('Quiet', { today: '2026-04-15' })).outcome).toEqual({ kind: 'open', stage: 'Signed' });
        const ended = await replay('Quiet', { today: '2026-05-01' });
        expect(ended.outcome).toMatchObject({ kind: 'terminated', outcome: 'Lost', reason: 'No contact for 60 days', automatic: true, date: '2026-05-01' });
        expect(ended.visits).toEqual([{ stage: 'Signed', entered: '2026-03-01', left: '2026-05-01', days: 61 }]);
        expect(ended.cycleDays).toBe(61);
        const asOf = await replay('Quiet', { asOf: '2026-05-01' });
        expect(asOf.outcome).toMatchObject({ kind: 'terminated', date: '2026-05-01' });
        // asOf wins over today when both are given, and events after it have not happened.
        expect((await replay('Quiet', { asOf: '2026-04-15', today: '2026-05-01' })).outcome).toEqual({ kind: 'open', stage: 'Signed' });
    });

    it('is a date to the type checker, and a keyword: no field is named today', async () => {
        const typed = await validateText(services, 'playbook P {\n  field due: date\n  stage A { gate G { when today + 1 > due } gate H { when today } }\n  stage B {}\n}\n');
        expect(typed.diagnostics.filter(d => d.severity === 1).map(d => d.code)).toEqual(['condition-not-boolean']);
        const named = await validateText(services, 'playbook P {\n  field today: date\n  stage A {}\n}\n');
        expect(named.diagnostics.map(d => d.code)).toContain('syntax-error');
    });
});

describe('today and the follow-up cadence', () => {
    const cadenced = `playbook Serviced {
  field lastContact: date
  activity call
  stage Open {}
  stage Done {}
  cadence every 7 days
  terminate Lost "No contact for 60 days" when lastContact + 60 days < today
}

deal Quiet for Serviced {
  2026-03-01 enter Open
  2026-03-01 set lastContact = 2026-03-01
  2026-03-03 call
}
`;

    async function replayCadenced(options: ReplayOptions) {
        const { document } = await validateText(services, cadenced);
        const root = document.parseResult.value as ast.Document;
        return simulateDeal(compilePlaybook(exportPlaybooks(root)[0].playbook), dealsOfDocuments([root])[0], options);
    }

    it('a deal a pending rule ends at the reference date has its follow-ups judged up to that end, and no next one due', async () => {
        const ended = await replayCadenced({ today: '2026-05-01' });
        expect(ended.outcome).toMatchObject({ kind: 'terminated', outcome: 'Lost', date: '2026-05-01' });
        expect(ended.violations.map(v => [v.code, v.message])).toEqual([
            ['follow-up-missing', expect.stringMatching(/^No follow-up by 2026-03-10: .* none came before the deal ended Lost on 2026-05-01/)]
        ]);
        expect(ended.nextFollowUp).toBeUndefined();
    });

    it('without an as-of date, an open deal\'s follow-ups are judged at its last event, not at today', async () => {
        const open = await replayCadenced({ today: '2026-04-15' });
        expect(open.outcome).toEqual({ kind: 'open', stage: 'Open' });
        expect(open.violations).toEqual([]);
        expect(open.nextFollowUp).toEqual({ due: '2026-03-10', overdue: false });
    });
});
