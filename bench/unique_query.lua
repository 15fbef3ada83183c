-- wrk script: every request carries a query string no other request had (?lan=<thread>-<n>),
-- so the page cache never holds the page: each one is an anonymous reader's cache miss, as for
-- a link that a share or a campaign tagged with its own parameters.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  n = 0
end

function request()
  n = n + 1
  return wrk.format("GET", wrk.path .. "?lan=" .. tid .. "-" .. n)
end
