-- Cycles through pre-signed issues.opened bodies, one line each in $BODIES as
-- "<signature>\t<body>", each about a different issue, with a fresh delivery id per request.
local bodies, signatures = {}, {}
local counter = 0
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(os.getenv("BODIES")) do
    local tab = string.find(line, "\t", 1, true)
    signatures[#signatures + 1] = string.sub(line, 1, tab - 1)
    bodies[#bodies + 1] = string.sub(line, tab + 1)
  end
  -- Each thread starts elsewhere in the list, and its delivery ids differ from the others'.
  math.randomseed(os.time() + 7919 * thread_number)
  counter = math.random(1, #bodies)
end

function request()
  counter = counter + 1
  local i = (counter % #bodies) + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-GitHub-Event"] = "issues",
    ["X-GitHub-Delivery"] = string.format("many-%d-%d-%d", thread_number, counter,
      math.random(1, 1000000000)),
    ["X-Hub-Signature-256"] = signatures[i],
  }
  return wrk.format("POST", nil, headers, bodies[i])
end
