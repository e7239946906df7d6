/**
 * `playbook fmt <files...> [--check]`: rewrites files in the canonical layout (the editor's
 * formatter). A file with syntax errors is left alone and its errors are printed. With
 * `--check` nothing is written: the files that would change are listed and the exit code is 1.
 */
import { createPlaybookServices, formatPlaybookText } from '@playbook/language';
import { encodeTextFile } from '@playbook/model';
import { startShortRun } from '../engine/short-run.js';
import { ExitCode } from '../errors.js';
import { collectFiles } from '../files/collect-files.js';
import { displayPath } from '../files/display-path.js';
import { readTextFile } from '../files/read-text-file.js';
import { writeFileAtomically } from '../files/write-output.js';
import { formatText } from '../output/text.js';

export interface FmtOptions {
    check: boolean;
}

export async function fmtCommand(paths: readonly string[], options: FmtOptions): Promise<number> {
    startShortRun();
    const cwd = process.cwd();
    const { files, notes } = await collectFiles(paths, cwd);
    for (const note of notes) {
        process.stderr.write(`playbook: ${note}\n`);
    }
    const services = createPlaybookServices();
    let unformatted = 0;
    let broken = 0;
    for (const file of files) {
        const shownAs = displayPath(file, cwd);
        const { text, encoding, bom } = await readTextFile(file, shownAs);
        const result = formatPlaybookText(services, text, shownAs);
        if (!result.ok) {
            broken++;
            process.stderr.write(formatText(result.diagnostics, { filesChecked: 1, color: false, cwd }));
            process.stderr.write(`playbook: left '${shownAs}' as it is: it has syntax errors\n`);
            continue;
        }
        if (!result.changed) {
            continue;
        }
        unformatted++;
        if (options.check) {
            process.stdout.write(`${shownAs}\n`);
        } else {
            // In the encoding it was read in: a UTF-16 file stays UTF-16, a byte-order mark stays.
            await writeFileAtomically(file, encodeTextFile(result.text, encoding, bom), cwd);
            process.stderr.write(`formatted ${shownAs}\n`);
        }
    }
    if (options.check && unformatted > 0) {
        process.stderr.write(`playbook: ${unformatted} file${unformatted === 1 ? '' : 's'} would be reformatted\n`);
    }
    return broken > 0 || (options.check && unformatted > 0) ? ExitCode.Problems : ExitCode.Ok;
}
