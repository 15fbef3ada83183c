-- wrk script: every request carries a query string no other request had (?lan=<thread>-<n>),
-- so the page cache never holds the page: each one is an anonymous reader's cache miss, as for
-- a link with a parameter of its own (the tracking parameters the page cache knows, fbclid,
-- zarsrc, gclid and utm_…, do not make a new page: frontcms/page_cache.py).
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
