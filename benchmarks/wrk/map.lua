-- The map data endpoint as the map page asks for it: a view somewhere over Iraq and Syria at a
-- zoom from the whole region to a city, with a filter or none.
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua"
local common = require("common")

local group = "1"
local zooms = { 5, 6, 6, 7, 8, 9, 10, 11, 12 }

setup = common.setup
done = common.done

function init(args)
  group = common.init(args)
end

function request()
  local zoom = common.pick(zooms)
  -- A 1280 x 800 window spans 5 x 3.1 tiles of 360 / 2^zoom degrees.
  local width, height = 5 * 360 / 2 ^ zoom, 3.1 * 360 / 2 ^ zoom
  local lon = 36 + math.random() * 12
  local lat = 30 + math.random() * 7
  local bbox = string.format("%.4f,%.4f,%.4f,%.4f", lon - width / 2, lat - height / 2, lon + width / 2, lat + height / 2)
  local filter = common.filter(group)
  local path = "/map/data/?bbox=" .. bbox .. "&zoom=" .. zoom
  if filter ~= "" then
    path = path .. "&" .. filter
  end
  return wrk.format("GET", path)
end
