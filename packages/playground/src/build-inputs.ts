/**
 * What the build hands the page (esbuild `define`, see ../esbuild.mjs): the language
 * server's worker script, the examples of the repository and the language's keywords. Put
 * into the bundle, they need no request: the page also works opened as a file.
 */

/** One file of an example, as it is in the repository's examples/ folder. */
export interface ExampleFile {
    name: string;
    text: string;
}

export interface Example {
    /** The example's file name without `.playbook`: `big-account`. */
    id: string;
    /** The playbook's title, or its name. */
    title: string;
    /** The playbook file, then the file of its deals when there is one. */
    files: ExampleFile[];
}

declare const PLAYGROUND_WORKER_SOURCE: string;
declare const PLAYGROUND_EXAMPLES: Example[];
declare const PLAYBOOK_KEYWORDS: string[];

export const workerSource: string = PLAYGROUND_WORKER_SOURCE;
export const examples: readonly Example[] = PLAYGROUND_EXAMPLES;
export const keywords: readonly string[] = PLAYBOOK_KEYWORDS;
