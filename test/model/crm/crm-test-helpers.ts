/** A playbook whose stages carry the aliases the CRM fixtures use, and a way to collect what a reader yields. */
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { readDeals, type CrmDeal, type CrmError, type PlaybookModel, type ReadDealsOptions } from '@playbook/model';

export const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/crm/${name}`, import.meta.url));

export const playbook: PlaybookModel = {
    name: 'Sales',
    forbidRegressions: false,
    fields: [
        { name: 'budget', type: 'money' },
        { name: 'priority', type: 'enum', values: ['Low', 'High'] }
    ],
    stages: [
        { name: 'Lead', optional: false, probability: 10, aliases: ['Prospecting', 'Appointment Scheduled'], tasks: [{ name: 'Call', required: false }], gates: [] },
        { name: 'Qualify', optional: false, probability: 30, aliases: ['Qualification', 'Qualified To Buy'], tasks: [], gates: [] },
        { name: 'Demo', optional: true, probability: 50, aliases: ['Presentation Scheduled'], tasks: [], gates: [] },
        { name: 'Negotiation', optional: false, probability: 70, aliases: ['Negociación', 'Contract Sent'], tasks: [], gates: [] }
    ],
    terminations: [
        { outcome: 'Disqualified', reason: 'No budget', from: [] },
        { outcome: 'Lost', reason: 'Competitor', from: [] },
        { outcome: 'Lost', reason: 'No decision', from: [] }
    ]
};

export async function collect(input: string | Readable, options: ReadDealsOptions = {}, model: PlaybookModel = playbook): Promise<{ deals: CrmDeal[]; errors: CrmError[] }> {
    const deals: CrmDeal[] = [];
    const errors: CrmError[] = [];
    for await (const item of readDeals(input, model, options)) {
        if ('error' in item) errors.push(item.error);
        else deals.push(item);
    }
    return { deals, errors };
}

/** A stream of text or bytes, as a CLI reading standard input would have. */
export const streamOf = (...chunks: Array<string | Buffer>): Readable => Readable.from(chunks.map(c => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));

/** A deal's events in one line each, for readable assertions. */
export const eventLines = (deal: CrmDeal): string[] => deal.deal.events.map(e => {
    switch (e.kind) {
        case 'enter': return `${e.date} enter ${e.stage}`;
        case 'done': return `${e.date} done ${e.tasks.join(',')}`;
        case 'set': return `${e.date} set ${e.field}=${String(e.value)}`;
        case 'terminate': return `${e.date} terminate ${e.outcome}${e.reason !== undefined ? ` "${e.reason}"` : ''}`;
        case 'won': return `${e.date} won`;
        case 'activity': return `${e.date} ${e.activity}${e.note !== undefined ? ` "${e.note}"` : ''}`;
    }
});
