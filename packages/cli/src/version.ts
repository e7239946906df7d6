/**
 * The CLI's version. esbuild replaces PLAYBOOK_VERSION with the version in
 * packages/cli/package.json at build time, so the bundle never reads package.json at start.
 */
declare const PLAYBOOK_VERSION: string | undefined;

export const version: string = typeof PLAYBOOK_VERSION === 'string' ? PLAYBOOK_VERSION : '0.0.0-dev';
