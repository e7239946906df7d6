/** The editor's formatter (document and range formatting) over the core layout in `src/formatting`. */
export * from './playbook-formatter.js';
