/**
 * `playbook import <file.json> [-o out.playbook]`: export JSON back to a formatted
 * `.playbook`. JSON that is malformed or breaks the schema is reported with its position and
 * JSON path, and nothing is written: an existing output file is never touched by a failed run.
 */
import { importPlaybook } from '@playbook/language';
import { basename, extname, join, resolve } from 'node:path';
import { ExitCode } from '../errors.js';
import { displayPath } from '../files/display-path.js';
import { readTextFile } from '../files/read-text-file.js';
import { outputTarget, writeOutput } from '../files/write-output.js';

export interface ImportOptions {
    output?: string;
}

export async function importCommand(file: string, options: ImportOptions): Promise<number> {
    const cwd = process.cwd();
    const path = resolve(cwd, file);
    const shownAs = displayPath(path, cwd);
    let output = await outputTarget(options.output, cwd);
    if (output.kind === 'folder') {
        // `-o out/`: the file is named after the JSON file, `a.json` → `out/a.playbook`.
        output = { kind: 'file', path: join(output.path, `${basename(path, extname(path))}.playbook`) };
    }
    const json = (await readTextFile(path, shownAs)).text;
    const result = await importPlaybook(json);
    if (!result.ok) {
        for (const error of result.errors) {
            // `file:line:column: /json/path: message`: the position first, so that editors link it.
            const position = error.line !== undefined ? `:${error.line}:${error.column ?? 1}` : '';
            const path = error.path !== undefined ? `${error.path || '/'}: ` : '';
            process.stderr.write(`${shownAs}${position}: ${path}${error.message}\n`);
        }
        process.stderr.write(`playbook: nothing imported: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'} in '${shownAs}'\n`);
        return ExitCode.Problems;
    }
    await writeOutput(result.text, output, [path], 'playbook', cwd);
    return ExitCode.Ok;
}
