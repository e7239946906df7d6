/**
 * A larger young generation for the language server. Every keystroke that adds or removes
 * a token re-parses the document, which on a 5,000-line playbook allocates some 100,000
 * short-lived objects; with V8's default 16 MB semi-spaces they are copied through several
 * scavenges and partly promoted. 64 MB semi-spaces cut the time from such a keystroke to
 * its diagnostics by about a tenth (bench/lsp-keystroke.mjs). The space is committed only
 * as it fills. Imported first by the server's entry point, before anything allocates much.
 */
import { setFlagsFromString } from 'node:v8';

const SEMI_SPACE_MB = 64;

setFlagsFromString(`--max-semi-space-size=${SEMI_SPACE_MB}`);
