-- Drives the Playbook language server from a headless Neovim (0.7 or newer) as a user would:
-- a rename through the server, edits of several ranges at once, a paste over several names,
-- an undo of everything. After each, what Neovim shows (vim.diagnostic.get) must be what the
-- CLI reports for the same texts (the buffers as they are, unsaved). Exits 1 on a difference.
-- Run by neovim-session.test.ts: REPO (the repository), WS (a copy of some examples), NODE.
local repo, ws, node = os.getenv('REPO'), os.getenv('WS'), os.getenv('NODE')
local function log(...) local t = {} for _, v in ipairs({ ... }) do t[#t + 1] = tostring(v) end io.stderr:write(table.concat(t, ' ') .. '\n') end
local failures = 0

local client_id = vim.lsp.start_client({
  cmd = { node, repo .. '/packages/language/bin/playbook-language-server.cjs', '--stdio' },
  root_dir = ws,
  workspace_folders = { { uri = vim.uri_from_fname(ws), name = 'ws' } },
})
vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = '*.playbook',
  callback = function(args) vim.lsp.buf_attach_client(args.buf, client_id) end,
})

local function playbook_buffers()
  local list = {}
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.api.nvim_buf_get_name(b):match('%.playbook$') then list[#list + 1] = b end
  end
  return list
end

-- Waits until the server has checked every buffer's current text: a code action request
-- (flushes Neovim's pending didChange first; answered once the document is validated).
local function settle()
  for _, b in ipairs(playbook_buffers()) do
    local params = { textDocument = { uri = vim.uri_from_bufnr(b) }, range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } }, context = { diagnostics = {} } }
    local _, err = vim.lsp.buf_request_sync(b, 'textDocument/codeAction', params, 20000)
    if err then log('no answer to a code action request:', err); failures = failures + 1 end
  end
end

-- The CLI's diagnostics for the texts Neovim holds (unsaved buffers) and the files on disk.
local function cli_check()
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  for _, f in ipairs(vim.fn.readdir(ws)) do vim.fn.writefile(vim.fn.readfile(ws .. '/' .. f, 'b'), dir .. '/' .. f, 'b') end
  for _, b in ipairs(playbook_buffers()) do
    vim.fn.writefile(vim.api.nvim_buf_get_lines(b, 0, -1, false), dir .. '/' .. vim.fn.fnamemodify(vim.api.nvim_buf_get_name(b), ':t'))
  end
  local out = vim.fn.system({ node, repo .. '/packages/cli/bin/playbook.cjs', 'check', dir, '--format', 'json' })
  local by_file = {}
  for _, d in ipairs(vim.fn.json_decode(out)) do
    local name = vim.fn.fnamemodify(d.file, ':t')
    by_file[name] = by_file[name] or {}
    table.insert(by_file[name], string.format('%d %s %s', d.line - 1, d.code, d.message))
  end
  return by_file
end

local function compare(step)
  settle()
  local expected = cli_check()
  for _, b in ipairs(playbook_buffers()) do
    local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(b), ':t')
    local shown = {}
    for _, d in ipairs(vim.diagnostic.get(b)) do table.insert(shown, string.format('%d %s %s', d.lnum, d.code, d.message)) end
    local want = expected[name] or {}
    table.sort(shown); table.sort(want)
    local same = vim.deep_equal(shown, want)
    log(step, name, same and 'same as the CLI' or 'DIFFERENT from the CLI', #shown, #want)
    if not same then
      failures = failures + 1
      for _, s in ipairs(shown) do if not vim.tbl_contains(want, s) then log('  only in Neovim:', s) end end
      for _, s in ipairs(want) do if not vim.tbl_contains(shown, s) then log('  only in the CLI:', s) end end
    end
  end
end

vim.wait(20000, function() local c = vim.lsp.get_client_by_id(client_id); return c ~= nil and c.initialized end, 20)
vim.cmd('edit ' .. ws .. '/big-account.playbook')
local buf = vim.api.nvim_get_current_buf()
compare('opened')

-- 1. Rename through the server (the cursor on the task's declaration): edits in this buffer
--    and in the deals file, which Neovim loads and changes.
vim.fn.search('task FindGuide')
vim.cmd('normal! w')
vim.lsp.buf.rename('FindMentor')
if not vim.wait(20000, function() return vim.fn.search('FindMentor', 'nw') > 0 end, 20) then
  log('the rename was not applied'); failures = failures + 1
end
compare('rename FindGuide -> FindMentor')

-- 2. Several ranges in one batch (multi-cursor style): swap two task names everywhere.
--    Neovim sends the changes made between two flushes as one didChange of several ranges.
local function occurrences(b, name)
  local edits = {}
  for i, line in ipairs(vim.api.nvim_buf_get_lines(b, 0, -1, false)) do
    local from = 1
    while true do
      local s, e = line:find('%f[%w_]' .. name .. '%f[^%w_]', from)
      if not s then break end
      edits[#edits + 1] = { s = s, e = e, line = i - 1, text = line }
      from = e + 1
    end
  end
  return edits
end
local function swap_edits(b, a, c)
  local edits = {}
  for _, pair in ipairs({ { a, c }, { c, a } }) do
    for _, o in ipairs(occurrences(b, pair[1])) do
      edits[#edits + 1] = {
        range = { start = { line = o.line, character = vim.str_utfindex(o.text, o.s - 1) }, ['end'] = { line = o.line, character = vim.str_utfindex(o.text, o.e) } },
        newText = pair[2],
      }
    end
  end
  return edits
end
vim.lsp.util.apply_text_edits(swap_edits(buf, 'FindMentor', 'CollectInfo'), buf, 'utf-16')
compare('swap FindMentor <-> CollectInfo')

-- 3. The playbook renamed by hand to the name of the playbook of another file.
vim.lsp.util.apply_text_edits(swap_edits(buf, 'BigAccount', 'SevenStepSales'), buf, 'utf-16')
compare('playbook renamed to SevenStepSales')
vim.lsp.util.apply_text_edits(swap_edits(buf, 'BigAccount', 'SevenStepSales'), buf, 'utf-16')
compare('playbook renamed back')

-- 4. Paste over several names: replace lines 25-35 of the playbook by the same lines with names changed.
local lines = vim.api.nvim_buf_get_lines(buf, 24, 35, false)
for i, l in ipairs(lines) do lines[i] = l:gsub('CollectInfo', 'Gather'):gsub('AccurateInfo', 'Accurate') end
vim.api.nvim_buf_set_lines(buf, 24, 35, false, lines)
compare('paste over lines 25-35')

-- 5. Undo everything, in one go.
vim.cmd('silent! undo 0')
compare('undo all')

log(failures == 0 and 'ALL SAME' or ('FAILURES: ' .. failures))
vim.lsp.stop_client(client_id)
os.exit(failures == 0 and 0 or 1)
