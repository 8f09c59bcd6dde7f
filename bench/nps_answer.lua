-- wrk script: POST an answer to a different survey link on every request (tokens from NPS_TOKENS_FILE).
-- NPS_FETCH=1 sends the request the page's script sends on load (JSON answer instead of the thank-you page).
local tokens = {}
for line in io.lines(os.getenv("NPS_TOKENS_FILE")) do tokens[#tokens + 1] = line end
local counter = 0
-- Each wrk thread starts at its own offset, so two threads do not post the same link at the same moment (that case,
-- two tabs at once, is a test in tests/nps/test_concurrency.py, not the load this measures).
local thread_id = 0
function setup(thread)
  thread:set("offset", thread_id * 100003)
  thread_id = thread_id + 1
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
if os.getenv("NPS_FETCH") == "1" then wrk.headers["X-Requested-With"] = "fetch" end

request = function()
  counter = counter + 1
  local token = tokens[(counter * 7919 + (offset or 0)) % #tokens + 1]
  local score = counter % 11
  return wrk.format(nil, "/s/" .. token .. "/", nil, "score=" .. score .. "&comment=Benchmark+Kommentar+" .. counter)
end
