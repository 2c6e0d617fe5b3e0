-- Shared by map.lua and list.lua: varied filters, a fixed seed per thread, and a JSON summary.
local M = {}

local thread_number = 0

-- Filters a researcher combines; "" is none. GROUP is replaced by the group id given to wrk.
M.filters = {
  "",
  "",
  "event_type=remote_violence",
  "event_type=battles&event_type=violence_against_civilians",
  "date_from=2016-10-17&date_to=2017-07-20",
  "date_from=2024-01-01",
  "governorate=IQ-BG",
  "governorate=IQ-NI&date_from=2016-01-01&date_to=2017-12-31",
  "country=SY",
  "killed_min=10",
  "contested=true",
  "civilian_harm=true",
  "means=drone",
  "group=GROUP",
  "group=GROUP&role=perpetrator",
  "q=Mosul",
}

function M.pick(list)
  return list[math.random(#list)]
end

function M.filter(group)
  return (M.pick(M.filters):gsub("GROUP", group))
end

function M.setup(thread)
  thread_number = thread_number + 1
  thread:set("seed", thread_number)
end

function M.init(args)
  math.randomseed(1000 + (tonumber(seed) or 0))
  return args[1] or "1"
end

function M.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,'
      .. '"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean
  ))
end

return M
