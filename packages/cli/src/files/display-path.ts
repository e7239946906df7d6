/**
 * How a file is named in every output: relative to the current directory, with `/`
 * separators on every platform, so that `examples/a.playbook:12:5` is what the user would
 * type, what editors make clickable, and the same in CI on Windows and Linux.
 */
import * as path from 'node:path';

export function displayPath(absolutePath: string, cwd: string): string {
    const relative = path.relative(cwd, absolutePath);
    // On Windows a file on another drive has no relative path: keep it absolute.
    if (relative === '' || path.isAbsolute(relative)) {
        return toSlashes(absolutePath);
    }
    return toSlashes(relative);
}

function toSlashes(p: string): string {
    return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}
