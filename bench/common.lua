-- Shared by the wrk scripts: prints one machine-readable RESULT line after wrk's own summary,
-- so scripts/bench-caseapi.sh can collect p50/p99, req/s and errors without parsing prose.
-- wrk (Debian 4.1) measures latency per request in microseconds, closed loop.
local M = {}

function M.done(label)
   return function(summary, latency, requests)
      local seconds = summary.duration / 1e6
      local e = summary.errors
      local socket = e.connect + e.read + e.write + e.timeout
      io.write(string.format(
         "RESULT %s requests=%d seconds=%.1f req_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
         label, summary.requests, seconds, summary.requests / seconds,
         latency:percentile(50) / 1000, latency:percentile(90) / 1000,
         latency:percentile(99) / 1000, latency.max / 1000, e.status, socket))
   end
end

-- Gives every wrk thread its own number (wrk runs setup() once per thread, before init()).
local counter = 0
function M.setup(thread)
   counter = counter + 1
   thread:set("thread_id", counter)
end

function M.env(name)
   local value = os.getenv(name)
   if value == nil or value == "" then
      error(name .. " is not set")
   end
   return value
end

return M
