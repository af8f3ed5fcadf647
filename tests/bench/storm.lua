-- wrk script of the publish storm: mixed.lua's walk over the paths in the file given
-- after `--`, and a count of the answers by their X-Cache header (HIT: the page
-- cache's stored copy; MISS: rendered and stored; none: rendered, not stored).
-- After report.lua's summary line it prints one more: NGT-CACHE hit=… miss=… none=….

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "mixed.lua")

local threads_seen = {}
local walk_setup = setup

function setup(thread)
   walk_setup(thread)
   threads_seen[#threads_seen + 1] = thread
end

hit, miss, none = 0, 0, 0

function response(status, headers, body)
   local state = headers["X-Cache"] or headers["x-cache"]
   if state == "HIT" then
      hit = hit + 1
   elseif state == "MISS" then
      miss = miss + 1
   else
      none = none + 1
   end
end

local summary_done = done

function done(summary, latency, requests)
   summary_done(summary, latency, requests)
   local h, m, n = 0, 0, 0
   for _, thread in ipairs(threads_seen) do
      h = h + thread:get("hit")
      m = m + thread:get("miss")
      n = n + thread:get("none")
   end
   io.write(string.format("NGT-CACHE hit=%d miss=%d none=%d\n", h, m, n))
end
