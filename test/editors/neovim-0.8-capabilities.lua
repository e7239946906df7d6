-- Neovim 0.7 as Neovim 0.8 to 0.10 announce themselves to a language server: they answer
-- `workspace/configuration` and do not accept dynamic registration of
-- `workspace/didChangeConfiguration`. Run by neovim.test.ts before the README's settings,
-- so that Neovim 0.7 also shows the warning those versions log for an unwanted registration.
local make_client_capabilities = vim.lsp.protocol.make_client_capabilities
vim.lsp.protocol.make_client_capabilities = function()
  local capabilities = make_client_capabilities()
  capabilities.workspace.configuration = true
  capabilities.workspace.didChangeConfiguration = { dynamicRegistration = false }
  return capabilities
end
