/**
 * The README's "Export, the diagram and simulation from Neovim, Emacs and Helix", copied as a
 * user copies it: the Neovim commands (`init.lua`) and the Emacs ones (eglot) run in the real
 * editors, headless, against the bundled server, and show what the command line shows:
 * the export, the diagram written beside the playbook, the report of a CRM export, and (in
 * Neovim) a deal's timeline after its code lens is run. Each editor is skipped when it is
 * not installed (`.ci/run` installs Debian's neovim, emacs-nox and elpa-eglot).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath, ensureBuilt, repoRoot } from '../cli/cli-helpers.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const hasNeovim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
const hasEglot = spawnSync('emacs', ['--batch', '--eval', "(progn (package-activate-all) (require 'eglot) (princ \"loaded\"))"], { encoding: 'utf8' }).stdout === 'loaded';
const server = path.join(repoRoot, 'packages/language/bin/playbook-language-server.cjs');

/** The code block after `<!-- editor-commands: <name> -->`. */
function snippet(name: string): string {
    const marker = readme.indexOf(`<!-- editor-commands: ${name} -->`);
    expect(marker, `the README's ${name} snippet`).toBeGreaterThan(0);
    return /```\w+\n([\s\S]*?)```/.exec(readme.slice(marker))![1];
}

const folder = mkdtempSync(path.join(tmpdir(), 'playbook-editors-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function cli(...args: string[]): string {
    return spawnSync(process.execPath, [binPath, ...args], { cwd: repoRoot, encoding: 'utf8' }).stdout;
}

const crmExport = path.join(repoRoot, 'test/fixtures/crm/big-account-history.csv');
const lua = (text: string) => JSON.stringify(text);

describe("the README's editor commands", () => {
    ensureBuilt();
    const mermaid = cli('export', 'examples/big-account.playbook', '--format', 'mermaid');

    it.skipIf(!hasNeovim)('Neovim: :PlaybookExport, :PlaybookDiagram, :PlaybookSimulate and a code lens', () => {
        const dir = path.join(folder, 'neovim');
        spawnSync('mkdir', ['-p', dir]);
        for (const file of ['big-account.playbook', 'big-account-deals.playbook']) copyFileSync(path.join(repoRoot, 'examples', file), path.join(dir, file));
        const results = path.join(dir, 'results.json');
        const init = `
local results, messages = {}, {}
local function finish(code)
  results.messages = messages
  local out = io.open(${lua(results)}, 'w'); out:write(vim.fn.json_encode(results)); out:close()
  vim.cmd(code == 0 and 'qa!' or ('cquit ' .. code))
end
local function wait(what, done)
  if not vim.wait(60000, done, 20) then results.failed = 'timed out waiting for ' .. what; finish(3) end
end
-- Messages the server shows (Neovim 0.7 writes them out, later ones notify): collected.
vim.notify = function(message) table.insert(messages, message) end
vim.lsp.handlers['window/showMessage'] = function(_, result) table.insert(messages, result.message) end
local client = vim.lsp.start_client({ name = 'playbook', cmd = { ${lua(process.execPath)}, ${lua(server)}, '--stdio' }, root_dir = ${lua(dir)} })
local function open(file)
  vim.cmd('edit ' .. ${lua(dir)} .. '/' .. file)
  vim.bo.filetype = 'playbook'
  vim.lsp.buf_attach_client(0, client)
end
local function shown(run)
  local window = vim.api.nvim_get_current_win()
  run()
  wait('a new window', function() return vim.api.nvim_get_current_win() ~= window end)
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\\n')
  vim.cmd('close')
  return text
end

${snippet('neovim')}

open('big-account.playbook')
wait('the server', function() local c = vim.lsp.get_client_by_id(client); return c and c.initialized end)
results.export = shown(function() vim.cmd('PlaybookExport mermaid') end)
vim.cmd('PlaybookDiagram')
wait('the diagram written', function() return #messages > 0 end)
results.diagram = messages[1]
results.simulation = shown(function() vim.cmd('PlaybookSimulate ' .. ${lua(crmExport)}) end)
open('big-account-deals.playbook')
vim.lsp.codelens.refresh()
wait('code lenses', function() return #vim.lsp.codelens.get(0) > 0 end)
vim.api.nvim_win_set_cursor(0, { vim.lsp.codelens.get(0)[1].range.start.line + 1, 0 })
vim.lsp.codelens.run()
wait('the timeline', function() return #messages > 1 end)
results.lens = messages[2]
finish(0)
`;
        writeFileSync(path.join(dir, 'init.lua'), init);
        const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(dir, 'init.lua')], { cwd: dir, encoding: 'utf8', timeout: 180_000 });
        expect(existsSync(results), `Neovim wrote its results; its output: ${run.stdout}${run.stderr}`).toBe(true);
        const seen = JSON.parse(readFileSync(results, 'utf8')) as Record<string, string | undefined>;
        expect(seen.failed).toBeUndefined();
        expect(`${seen.export}\n`).toBe(mermaid);
        expect(seen.diagram).toBe(`Wrote ${path.join(dir, 'big-account.html')}`);
        expect(readFileSync(path.join(dir, 'big-account.html'), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*data-stage="Development"/);
        expect(seen.simulation).toContain('BigAccount: 10 deals, as of 2026-04-25: 0 won, 2 ended (2 Lost), 8 open');
        expect(seen.lens).toMatch(/^CityMetro: Won in 239 days\n {2}Development +2026-01-05 → 2026-01-26 {2}21 days/);
        expect(run.status).toBe(0);
    }, 200_000);

    it.skipIf(!hasEglot)('Emacs (eglot): playbook-export, playbook-diagram, playbook-simulate', () => {
        const dir = path.join(folder, 'emacs');
        spawnSync('mkdir', ['-p', dir]);
        copyFileSync(path.join(repoRoot, 'examples/big-account.playbook'), path.join(dir, 'big-account.playbook'));
        const results = path.join(dir, 'results.json');
        const el = (text: string) => JSON.stringify(text);
        const script = `
(package-activate-all)
(require 'eglot)
(require 'json)
(setq playbook-test-results nil playbook-test-browsed nil)
(define-derived-mode playbook-mode prog-mode "Playbook")
(add-to-list 'eglot-server-programs '(playbook-mode . (${el(process.execPath)} ${el(server)} "--stdio")))
(setq browse-url-browser-function (lambda (url &rest _) (setq playbook-test-browsed url)))

${snippet('emacs-eglot')}

(defun playbook-test-wait (what done)
  (let ((deadline (+ (float-time) 60)))
    (while (and (not (funcall done)) (< (float-time) deadline)) (accept-process-output nil 0.05))
    (unless (funcall done) (error "Timed out waiting for %s" what))))
(defun playbook-test-buffer (name)
  (with-current-buffer name (buffer-substring-no-properties (point-min) (point-max))))
(condition-case failure
    (progn
      (find-file ${el(path.join(dir, 'big-account.playbook'))})
      (playbook-mode)
      (apply #'eglot (eglot--guess-contact))
      (playbook-test-wait "the server" (lambda () (eglot-current-server)))
      (playbook-export "mermaid")
      (push (cons 'export (playbook-test-buffer "*playbook mermaid*")) playbook-test-results)
      (playbook-diagram)
      (push (cons 'browsed playbook-test-browsed) playbook-test-results)
      (playbook-simulate ${el(crmExport)})
      (push (cons 'simulation (playbook-test-buffer "*playbook simulation*")) playbook-test-results))
  (error (push (cons 'failed (error-message-string failure)) playbook-test-results)))
(with-temp-file ${el(results)} (insert (json-encode playbook-test-results)))
(kill-emacs 0)
`;
        writeFileSync(path.join(dir, 'test.el'), script);
        const run = spawnSync('emacs', ['--batch', '-l', path.join(dir, 'test.el')], { cwd: dir, encoding: 'utf8', timeout: 180_000 });
        expect(existsSync(results), `Emacs wrote its results; its output: ${run.stdout}${run.stderr}`).toBe(true);
        const seen = JSON.parse(readFileSync(results, 'utf8')) as Record<string, string | undefined>;
        expect(seen.failed).toBeUndefined();
        expect(seen.export).toBe(mermaid);
        expect(seen.browsed).toMatch(/big-account\.html$/);
        expect(readFileSync(path.join(dir, 'big-account.html'), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*data-stage="Development"/);
        expect(seen.simulation).toContain('BigAccount: 10 deals, as of 2026-04-25: 0 won, 2 ended (2 Lost), 8 open');
    }, 200_000);
});
