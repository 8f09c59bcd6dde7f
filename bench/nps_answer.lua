-- wrk script: POST an answer to a different survey link on every request (tokens from NPS_TOKENS_FILE).
-- NPS_FETCH=1 sends the request the page's script sends on load (JSON answer instead of the thank-you page).
local tokens = {}
for line in io.lines(os.getenv("NPS_TOKENS_FILE")) do tokens[#tokens + 1] = line end
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
if os.getenv("NPS_FETCH") == "1" then wrk.headers["X-Requested-With"] = "fetch" end

request = function()
  counter = counter + 1
  local token = tokens[(counter * 7919) % #tokens + 1]
  local score = counter % 11
  return wrk.format(nil, "/s/" .. token .. "/", nil, "score=" .. score .. "&comment=Benchmark+Kommentar+" .. counter)
end
