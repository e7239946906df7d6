/** `playbook schema [-o file]`: the JSON Schema (draft 2020-12) of the export format, as shipped. */
import { serializeSchema } from '@playbook/model';
import { join } from 'node:path';
import { ExitCode } from '../errors.js';
import { outputTarget, writeOutput } from '../files/write-output.js';

export async function schemaCommand(options: { output?: string }): Promise<number> {
    const cwd = process.cwd();
    const output = await outputTarget(options.output, cwd);
    const target = output.kind === 'folder' ? { kind: 'file' as const, path: join(output.path, 'playbook.schema.json') } : output;
    await writeOutput(serializeSchema(), target, [], 'other', cwd);
    return ExitCode.Ok;
}
