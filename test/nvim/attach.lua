-- Attaches Neovim's built-in LSP client to the Postmortem server on one file and writes the
-- diagnostics it receives as JSON. Run headless by neovim.test.ts:
--   nvim --headless --clean -c "luafile attach.lua" FILE
-- with POSTMORTEM_SERVER (the bundled server) and POSTMORTEM_OUT (where to write) set.
local server = os.getenv('POSTMORTEM_SERVER')
local out = os.getenv('POSTMORTEM_OUT')
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'markdown'

local client_id = vim.lsp.start_client({
  name = 'postmortem',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':h'),
})
vim.lsp.buf_attach_client(buf, client_id)

-- Waits for the diagnostics, not for a time; the limit only stops a hung run (the test's own is 5 minutes).
local got = vim.wait(240000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)

local result = { attached = got, diagnostics = {} }
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
  table.insert(result.diagnostics, { line = d.lnum + 1, column = d.col + 1, code = code, severity = d.severity, message = d.message })
end
local file = io.open(out, 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
