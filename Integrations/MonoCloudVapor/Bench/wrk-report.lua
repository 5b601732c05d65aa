-- wrk script of Scripts/bench-vapor.sh. Sends the bearer tokens listed in the file named by
-- $BENCH_TOKENS in turn (no file or an empty one: requests without Authorization), and at the
-- end writes the run's figures as one JSON object on the last line.
local tokens = {}
local next_token = 0

function init(args)
  local path = os.getenv("BENCH_TOKENS")
  if path == nil or path == "" then return end
  for line in io.lines(path) do
    if #line > 0 then table.insert(tokens, line) end
  end
  next_token = math.random(0, math.max(#tokens - 1, 0))
end

function request()
  if #tokens == 0 then return wrk.format("GET", wrk.path) end
  next_token = (next_token % #tokens) + 1
  return wrk.format("GET", wrk.path, { Authorization = "Bearer " .. tokens[next_token] })
end

function done(summary, latency, requests)
  local errors = summary.errors
  local socket_errors = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format(
    '{"requests":%d,"requests_per_second":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, errors.status, socket_errors))
end
