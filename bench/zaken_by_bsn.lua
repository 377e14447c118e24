-- GET /zaken?rol__…inpBsn=<bsn>&expand=zaaktype,status,status.statustype: a resident's case
-- list as the portal asks for it, with a different seeded BSN on every request.
-- Environment: BENCH_TOKEN (JWT), BENCH_BSNS (file with the seeded BSNs, one a line).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
done = common.done(os.getenv("BENCH_LABEL") or "zaken_by_bsn")

local bsns = {}
local headers

function init(args)
   for line in io.lines(common.env("BENCH_BSNS")) do
      bsns[#bsns + 1] = line
   end
   headers = {
      ["Authorization"] = "Bearer " .. common.env("BENCH_TOKEN"),
      ["Accept-Crs"] = "EPSG:4326",
      ["Accept"] = "application/json",
   }
   -- Different but reproducible BSN sequences per thread.
   math.randomseed(1000 + (thread_id or 0))
end

function request()
   local bsn = bsns[math.random(#bsns)]
   return wrk.format("GET",
      "/zaken/api/v1/zaken?rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn=" .. bsn ..
      "&expand=zaaktype,status,status.statustype", headers)
end
