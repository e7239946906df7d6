/**
 * The deals written in the example's files, replayed by the server (`playbook/simulate`):
 * for each its outcome, where its time went and what it did wrong, each a link to the text.
 */
/// <reference lib="dom" />
import type { DealReplay, SimulateResult } from '@playbook/language/protocol';
import type { Range } from 'vscode-languageserver-types';
import { h, linkButton, plural } from './dom.js';

export interface FileDeals {
    uri: string;
    name: string;
    result: SimulateResult;
}

/** Until the new example's deals are replayed. */
export function renderDealsWaiting(panel: HTMLElement): void {
    panel.querySelector('.deals')!.replaceChildren(h('p', { class: 'waiting' }, 'Replaying…'));
    panel.querySelector('.count')!.textContent = '';
    delete panel.dataset.deals;
}

export function renderDeals(panel: HTMLElement, files: readonly FileDeals[], reveal: (uri: string, range: Range) => void): void {
    const list = panel.querySelector('.deals')!;
    const count = panel.querySelector('.count')!;
    const deals = files.flatMap(file => file.result.deals.map(deal => ({ file, deal })));
    const won = deals.filter(({ deal }) => deal.outcome?.kind === 'won').length;
    const ended = deals.filter(({ deal }) => deal.outcome?.kind === 'terminated').length;
    const open = deals.filter(({ deal }) => deal.outcome?.kind === 'open').length;
    const withViolations = deals.filter(({ deal }) => deal.violations.length > 0).length;
    panel.dataset.deals = String(deals.length);
    count.textContent = deals.length === 0 ? 'none'
        : `${plural(deals.length, 'deal')}: ${won} won, ${ended} ended, ${open} open · ${withViolations} with violations`;
    list.replaceChildren(...deals.map(({ file, deal }) => renderDeal(deal, files.length > 1 ? file.name : undefined, range => reveal(file.uri, range))));
    if (deals.length === 0) {
        list.append(h('p', { class: 'none' }, 'No deal is written in these files. A deal replays a sale against its playbook: '
            + '`deal Acme for <playbook> { 2026-01-03 enter <stage> … }`.'));
    }
}

function renderDeal(deal: DealReplay, fileName: string | undefined, reveal: (range: Range) => void): HTMLElement {
    const outcome = deal.outcome;
    const kind = outcome?.kind ?? 'unreplayed';
    const badge = !outcome ? 'not replayed' : outcome.kind === 'won' ? 'Won' : outcome.kind === 'terminated' ? outcome.outcome : 'Open';
    const visits = deal.visits.length === 0 ? undefined : h('ol', { class: 'visits', 'aria-label': 'stages visited' },
        ...deal.visits.map(visit => h('li', { title: `${visit.entered} → ${visit.left ?? 'now'}` },
            visit.stage, h('span', { class: 'days' }, ` ${visit.days} d`))));
    const violations = deal.violations.length === 0 ? undefined : h('ul', { class: 'violations' },
        ...deal.violations.map(violation => h('li', { class: violation.severity, 'data-code': violation.code },
            h('span', { class: 'date' }, violation.date), ' ',
            linkButton(violation.message, () => reveal(violation.range), { class: 'link message' }))));
    return h('article', { class: `deal ${kind}`, 'data-deal': deal.deal, 'data-outcome': kind },
        h('header', {},
            linkButton(deal.deal, () => reveal(deal.range), { class: 'link deal-name', title: 'Go to the deal' }),
            h('span', { class: `badge ${kind}` }, badge),
            deal.title !== undefined && h('span', { class: 'deal-title' }, deal.title)),
        h('p', { class: 'summary' }, deal.summary,
            h('span', { class: 'follows' }, ` · follows ${deal.playbook}${fileName ? ` · ${fileName}` : ''}`)),
        visits, violations);
}
