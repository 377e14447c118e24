-- POST /api/staff/search as a logged-in KCC member: by BSN (BENCH_SEARCH=bsn) or by case
-- number (BENCH_SEARCH=identificatie), a different resident or case on every request.
-- Environment: BENCH_STAFF_COOKIE (session cookie value), BENCH_CSRF (CSRF token),
-- BENCH_KEYS (file with one BSN or case number a line), BENCH_SEARCH.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
done = common.done(os.getenv("BENCH_LABEL") or "staff_search")

local keys = {}
local headers
local field

function init(args)
   for line in io.lines(common.env("BENCH_KEYS")) do
      keys[#keys + 1] = line
   end
   field = common.env("BENCH_SEARCH")
   local csrf = common.env("BENCH_CSRF")
   headers = {
      ["Cookie"] = "loket_staff_session=" .. common.env("BENCH_STAFF_COOKIE") .. "; loket_csrf=" .. csrf,
      ["x-csrf-token"] = csrf,
      ["Content-Type"] = "application/json",
      ["Accept"] = "application/json",
   }
   math.randomseed(3000 + (thread_id or 0))
end

function request()
   local key = keys[math.random(#keys)]
   local body = string.format('{"%s":"%s","purpose":"Benchmark"}', field, key)
   return wrk.format("POST", "/api/staff/search", headers, body)
end
