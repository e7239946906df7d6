/**
 * The playground page: pick an example (or keep typing in the one shown); the language server
 * runs in a web worker, nothing leaves the page. `#big-account` in the address picks an example.
 */
/// <reference lib="dom" />
import { examples } from './build-inputs.js';
import { PlaygroundSession, type PlaygroundElements } from './session.js';

const DEFAULT_EXAMPLE = 'big-account';

function element(id: string): HTMLElement {
    const found = document.getElementById(id);
    if (!found) throw new Error(`The page has no #${id}`);
    return found;
}

const elements: PlaygroundElements = {
    tabs: element('tabs'),
    editors: element('editors'),
    problems: element('problems'),
    diagram: element('diagram'),
    deals: element('deals'),
    status: element('status')
};
const picker = element('example') as HTMLSelectElement;
for (const example of examples) {
    picker.append(new Option(example.files.length > 1 ? `${example.title} · ${example.files.length} files` : example.title, example.id));
}

let session: PlaygroundSession | undefined;

function load(id: string): void {
    const example = examples.find(e => e.id === id) ?? examples.find(e => e.id === DEFAULT_EXAMPLE) ?? examples[0];
    picker.value = example.id;
    session?.dispose();
    session = new PlaygroundSession(example, elements);
}

picker.addEventListener('change', () => {
    history.replaceState(null, '', `#${picker.value}`);
    load(picker.value);
});
load(decodeURIComponent(location.hash.slice(1)) || DEFAULT_EXAMPLE);
