-- The incident list with a filter or none, each sort, on one of its first pages.
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua"
local common = require("common")

local group = "1"
local sorts = { "-date", "-date", "-date", "date", "-killed", "killed", "place", "governorate" }
local pages = { 1, 1, 1, 1, 2, 3, 5, 10 }

setup = common.setup
done = common.done

function init(args)
  group = common.init(args)
end

function request()
  local path = "/incidents/?sort=" .. common.pick(sorts) .. "&page=" .. common.pick(pages)
  local filter = common.filter(group)
  if filter ~= "" then
    path = path .. "&" .. filter
  end
  return wrk.format("GET", path)
end
