-- Cycles through the bearer tokens of $BENCH_TOKENS (one a line; none: no Authorization
-- header) and prints one JSON object with the run's figures when done.
-- The requests are formatted once in init (wrk calls request() for every request it sends, and
-- formatting there would spend the load generator's CPU, which shares the machine with the API).
local requests = {}
local index = 0

function init(args)
  local path = os.getenv("BENCH_TOKENS")
  if path and path ~= "" then
    for line in io.lines(path) do
      if line ~= "" then
        requests[#requests + 1] = wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. line })
      end
    end
  end
  if #requests == 0 then requests[1] = wrk.format("GET", wrk.path) end
  index = math.random(1, #requests)
end

function request()
  index = index % #requests + 1
  return requests[index]
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    '{"requests":%d,"requests_per_second":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
