-- GET /api/cases as logged-in residents: the portal's "Mijn zaken" answer (session lookup,
-- POST /zaken/_zoek with expand to the case API, initiator check, shaping), a different
-- resident's session on every request.
-- Environment: BENCH_COOKIES (file with one session cookie value a line).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
done = common.done(os.getenv("BENCH_LABEL") or "my_cases")

local cookies = {}

function init(args)
   for line in io.lines(common.env("BENCH_COOKIES")) do
      cookies[#cookies + 1] = line
   end
   math.randomseed(2000 + (thread_id or 0))
end

function request()
   local cookie = cookies[math.random(#cookies)]
   return wrk.format("GET", "/api/cases", {
      ["Cookie"] = "loket_session=" .. cookie,
      ["Accept"] = "application/json",
   })
end
