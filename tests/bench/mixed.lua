-- wrk script of the soak: each connection walks a list of paths, one per line, in
-- the file given after `--`; threads start at different places in the list.
-- The summary line at the end is report.lua's.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local threads = 0

function setup(thread)
   thread:set("offset", threads)
   threads = threads + 1
end

local paths = {}
local counter = 0

function init(args)
   for line in io.lines(args[1]) do
      if line ~= "" then
         paths[#paths + 1] = line
      end
   end
   if #paths == 0 then
      error("no path to request in " .. args[1])
   end
   counter = ((offset or 0) * 7919) % #paths
end

function request()
   counter = counter % #paths + 1
   return wrk.format(nil, paths[counter])
end
