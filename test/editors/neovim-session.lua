-- Run by neovim.test.ts after the README's settings (init.lua): opens a broken playbook as a
-- user would, waits for the server's diagnostics and writes what Neovim has to RESULT (JSON).
local result_file = os.getenv('RESULT')
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('PLAYBOOK_FILE')))
local buf = vim.api.nvim_get_current_buf()
vim.wait(120000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(diagnostics, { line = d.lnum, code = d.code or lsp.code, message = d.message })
end
local clients = {}
local attached = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
for _, client in pairs(attached) do
  -- `cmd` is a function in the settings for Neovim 0.11: its command line is not known here.
  table.insert(clients, { name = client.name, root = client.config.root_dir, cmd = type(client.config.cmd) == 'table' and client.config.cmd or {} })
end
vim.fn.writefile({ vim.fn.json_encode({
  filetype = vim.bo[buf].filetype,
  diagnostics = diagnostics,
  clients = clients,
  log = vim.lsp.get_log_path(),
}) }, result_file)
vim.cmd('qall!')
