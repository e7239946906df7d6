/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The report view's script in the webview (bundled on its own for the browser,
 * dist/simulation-webview.js): receives the plain data, renders it with `render.ts`, pages
 * long lists in as the reader asks ("Show more" appends one page), redraws the funnel to
 * the panel's width, and sends the reader's actions (open a deal's rows, add an alias, run
 * again) to the extension. What it unfolded is kept in the webview's state, so a panel
 * that was hidden and shown again looks the same.
 */
import type { FromSimulationWebview, RenderedReport, ToSimulationWebview } from '../protocol.js';
import {
    groupViolations, initialState, moreButton, PAGE_SIZE, renderFunnel, renderGroup, renderGroupDeals, renderProblem, renderView,
    type ViewState, type ViolationGroup
} from './render.js';
import type { SimulationViewData } from './view-data.js';

interface WebviewApi {
    postMessage(message: FromSimulationWebview): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): WebviewApi;

interface Saved { run: number; state: ViewState }

export function startSimulationView(root: HTMLElement, api: WebviewApi): void {
    let run = -1;
    let data: SimulationViewData | undefined;
    let groups: ViolationGroup[] = [];
    let state: ViewState = initialState(root.clientWidth);

    const save = (): void => api.setState({ run, state } satisfies Saved);
    const width = (): number => Math.max(240, Math.floor(root.clientWidth));

    const reportRendered = (): void => {
        const info: RenderedReport = {
            run, width: state.width,
            funnel: [...root.querySelectorAll('svg.funnel [data-stage]')].map(g => g.getAttribute('data-stage') ?? ''),
            problems: root.querySelectorAll('li.problem').length,
            aliasActions: root.querySelectorAll('[data-add-alias]').length,
            groups: root.querySelectorAll('details.group').length,
            deals: root.querySelectorAll('li.deal').length,
            overflow: Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth)
        };
        api.postMessage({ type: 'rendered', info });
    };

    const render = (): void => {
        if (!data) return;
        root.innerHTML = renderView(data, groups, state);
        save();
        reportRendered();
    };

    /** Appends the next page of a list and puts its "Show more" button after it again. */
    const more = (button: HTMLElement): void => {
        if (!data) return;
        const list = button.dataset.more ?? '';
        let html = '';
        let remaining = 0;
        let container: Element | null = null;
        if (list === 'problems') {
            const from = state.problemsShown;
            state.problemsShown = from + PAGE_SIZE;
            html = data.problems.slice(from, state.problemsShown).map((p, i) => renderProblem(p, from + i, data!.playbook.stages, state)).join('');
            remaining = data.problems.length - state.problemsShown;
            container = root.querySelector('[data-list="problems"]');
        } else if (list === 'groups') {
            const from = state.groupsShown;
            state.groupsShown = from + PAGE_SIZE;
            html = groups.slice(from, state.groupsShown).map((g, i) => renderGroup(data!, g, from + i, state)).join('');
            remaining = groups.length - state.groupsShown;
            container = root.querySelector('[data-list="groups"]');
        } else if (list.startsWith('deals:')) {
            const index = Number(list.slice('deals:'.length));
            const group = groups[index];
            if (!group) return;
            const from = state.open[index] ?? 0;
            state.open[index] = from + PAGE_SIZE;
            html = renderGroupDeals(data, group, from, state.open[index]);
            remaining = group.deals.length - state.open[index];
            container = root.querySelector(`ul.deals[data-group="${index}"]`);
        }
        container?.insertAdjacentHTML('beforeend', html);
        button.outerHTML = moreButton(list, remaining);
        save();
        reportRendered();
    };

    /** A group unfolded: its first page of deals; folded: its deals are dropped from the page. */
    const toggled = (details: HTMLDetailsElement): void => {
        if (!data) return;
        const index = Number(details.dataset.group);
        const group = groups[index];
        const list = details.querySelector('ul.deals');
        if (!group || !list) return;
        if (details.open && list.childElementCount === 0) {
            state.open[index] = PAGE_SIZE;
            list.innerHTML = renderGroupDeals(data, group, 0, PAGE_SIZE);
            list.insertAdjacentHTML('afterend', moreButton(`deals:${index}`, group.deals.length - PAGE_SIZE));
        } else if (!details.open) {
            delete state.open[index];
            list.innerHTML = '';
            details.querySelector('button.more')?.remove();
        } else {
            return;
        }
        save();
        reportRendered();
    };

    root.addEventListener('click', event => {
        const target = event.target as Element;
        const line = target.closest<HTMLElement>('a[data-line]');
        const deal = target.closest<HTMLElement>('a[data-deal]');
        const button = target.closest<HTMLElement>('button');
        if (line) {
            event.preventDefault();
            api.postMessage({ type: 'openRows', lines: [Number(line.dataset.line)] });
        } else if (deal && data) {
            event.preventDefault();
            const found = data.deals[Number(deal.dataset.deal)];
            if (found) api.postMessage({ type: 'openRows', lines: found.lines });
        } else if (button?.dataset.more !== undefined) {
            more(button);
        } else if (button?.dataset.addAlias !== undefined && data) {
            const index = button.dataset.addAlias;
            const name = data.problems[Number(index)]?.subject;
            const select = root.querySelector<HTMLSelectElement>(`select[data-alias-stage="${index}"]`);
            if (name !== undefined) api.postMessage({ type: 'addAlias', name, ...(select?.value ? { stage: select.value } : {}) });
        } else if (button?.dataset.action === 'rerun') {
            api.postMessage({ type: 'rerun' });
        }
    });
    // `toggle` does not bubble: listened to on the way down.
    root.addEventListener('toggle', event => {
        if (event.target instanceof HTMLDetailsElement && event.target.classList.contains('group')) toggled(event.target);
    }, true);

    window.addEventListener('message', (event: MessageEvent<ToSimulationWebview>) => {
        const message = event.data;
        if (message?.type === 'show') {
            const saved = api.getState() as Saved | undefined;
            run = message.run;
            data = message.data;
            groups = groupViolations(data.deals);
            state = saved?.run === run ? { ...saved.state, width: width() } : initialState(width());
            render();
        } else if (message?.type === 'running') {
            // "Run again" says it is replaying until the new report (or the reason there is none) comes.
            for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-action="rerun"]')) {
                button.disabled = message.running;
                button.setAttribute('aria-busy', String(message.running));
                if (button.classList.contains('secondary')) button.textContent = message.running ? 'Simulating…' : 'Run again';
            }
        } else if (message?.type === 'aliasAdded' && data) {
            state.added[message.name] = message.stage;
            data.problems.forEach((problem, index) => {
                if (problem.code !== 'unknown-stage' || problem.subject !== message.name) return;
                const card = root.querySelector(`li.problem[data-problem="${index}"]`);
                if (card) card.outerHTML = renderProblem(problem, index, data!.playbook.stages, state);
            });
            save();
            reportRendered();
        }
    });

    // The funnel is drawn to the panel's width: again when the panel is resized.
    let frame = 0;
    new ResizeObserver(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
            const now = width();
            const funnel = root.querySelector('#funnel');
            if (!data?.report || !funnel || Math.abs(now - state.width) < 2) return;
            state.width = now;
            funnel.innerHTML = renderFunnel(data.report, data.playbook.stages, now);
            save();
            reportRendered();
        });
    }).observe(root);

    api.postMessage({ type: 'ready' });
}

if (typeof acquireVsCodeApi === 'function') {
    startSimulationView(document.getElementById('app')!, acquireVsCodeApi());
}
