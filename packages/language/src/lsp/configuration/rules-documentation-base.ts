/** Where a language server started from a file finds the rule pages (Node only: it looks at the file system). */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES_DOCUMENTATION_URL } from '../../rules/rule-documentation.js';

/**
 * Where the pages are for a server started from `serverFile`: the nearest `docs/rules` folder
 * (holding the index, README.md) in the server's folder or above it, as a file URL (the
 * extension's `dist/docs/rules`, the server package's, or a checkout's); the web address when
 * there is none.
 */
export function rulesDocumentationBase(serverFile: string | undefined): string {
    if (!serverFile) return RULES_DOCUMENTATION_URL;
    let dir: string;
    try {
        dir = dirname(realpathSync(serverFile));
    } catch {
        return RULES_DOCUMENTATION_URL;
    }
    for (let depth = 0; depth < 6; depth++) {
        const pages = join(dir, 'docs', 'rules');
        if (existsSync(join(pages, 'README.md'))) {
            return `${pathToFileURL(pages).href}/`;
        }
        const parent = dirname(dir);
        if (parent === dir) break;
        dir = parent;
    }
    return RULES_DOCUMENTATION_URL;
}
