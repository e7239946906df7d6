/** Builds DOM nodes: every text goes in as a text node, so nothing from a playbook is read as HTML. */
/// <reference lib="dom" />

type Child = Node | string | false | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
    tag: K, attributes: Record<string, string | undefined> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (value !== undefined) element.setAttribute(name, value);
    }
    for (const child of children) {
        if (child !== false && child !== null && child !== undefined) element.append(child);
    }
    return element;
}

/** A button that looks like a link and runs `action`. */
export function linkButton(text: string, action: () => void, attributes: Record<string, string | undefined> = {}): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'link', ...attributes }, text);
    button.addEventListener('click', action);
    return button;
}

export function plural(count: number, word: string): string {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}
