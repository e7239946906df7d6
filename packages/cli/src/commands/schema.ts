/** `playbook schema [-o file]`: the JSON Schema (draft 2020-12) of the export format, as shipped. */
import { serializeSchema } from '@playbook/language';
import { resolve } from 'node:path';
import { ExitCode } from '../errors.js';
import { writeOutput } from '../files/write-output.js';

export async function schemaCommand(options: { output?: string }): Promise<number> {
    const cwd = process.cwd();
    await writeOutput(serializeSchema(), options.output === undefined ? undefined : resolve(cwd, options.output), cwd);
    return ExitCode.Ok;
}
