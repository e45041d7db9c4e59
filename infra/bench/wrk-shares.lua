-- wrk script for infra/bench/http-load.sh: share requests, each with a requestId of its own, to RECIPIENTS
-- recipients (r0 … r<RECIPIENTS-1>) chosen with zipf-like skew (r0 the busiest), of 1 to 20 Post IDs each.
-- Environment: TOKEN (bearer token), RECIPIENTS (default 1000), PREFIX (makes requestIds unique per run).

local token = os.getenv("TOKEN")
local recipients = tonumber(os.getenv("RECIPIENTS") or "1000")
local prefix = os.getenv("PREFIX") or "load"

-- cumulative zipf(1.0) weights, so that a uniform draw picks recipient i with probability ~ 1/(i+1)
local cumulative = {}
local total = 0
for rank = 1, recipients do
  total = total + 1 / rank
  cumulative[rank] = total
end
for rank = 1, recipients do
  cumulative[rank] = cumulative[rank] / total
end

local threads = 0
function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

local sent = 0
function init(args)
  math.randomseed(thread_number * 7919 + 17)
end

local function recipient()
  local uniform = math.random()
  local low, high = 1, recipients
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < uniform then low = middle + 1 else high = middle end
  end
  return low - 1
end

local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }

function request()
  sent = sent + 1
  local body = string.format(
    '{"requestId":"%s-%d-%d","recipientId":"r%d","postIdCount":%d,"userIdCount":0,"directMessageIdCount":0}',
    prefix, thread_number, sent, recipient(), math.random(1, 20))
  return wrk.format("POST", "/api/v1/shares", headers, body)
end
