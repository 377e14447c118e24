-- POST /zaken: zaak creation throughput (the provider generates the identificatie, so every
-- request exercises the concurrency-safe counter).
-- Environment: BENCH_TOKEN (JWT), BENCH_ZAAKTYPE (URL of a published zaaktype).
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local common = require("common")

setup = common.setup
done = common.done(os.getenv("BENCH_LABEL") or "create_zaak")

local body
local headers

function init(args)
   headers = {
      ["Authorization"] = "Bearer " .. common.env("BENCH_TOKEN"),
      ["Accept-Crs"] = "EPSG:4326",
      ["Content-Crs"] = "EPSG:4326",
      ["Content-Type"] = "application/json",
   }
   body = string.format([[{"bronorganisatie":"002220647","verantwoordelijkeOrganisatie":"002220647","zaaktype":"%s","startdatum":"2026-11-01","omschrijving":"Benchmark: aanmaken","toelichting":"wrk create_zaak.lua"}]],
      common.env("BENCH_ZAAKTYPE"))
end

function request()
   return wrk.format("POST", "/zaken/api/v1/zaken", headers, body)
end
