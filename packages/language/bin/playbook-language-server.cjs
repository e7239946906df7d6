#!/usr/bin/env node
// The Playbook language server for any LSP editor: `playbook-language-server --stdio`.
'use strict';
require('node:module').enableCompileCache?.();
require('../dist/language-server.cjs');
