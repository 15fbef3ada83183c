-- wrk script: every request carries a query string no other request had (?lan=<run>-<thread>-<n>),
-- so the page cache never holds the page: each one is an anonymous reader's cache miss, as for
-- a link with a parameter of its own (the tracking parameters the page cache knows, fbclid,
-- zarsrc, gclid and utm_…, do not make a new page: frontcms/page_cache.py).
-- <run> is the script's argument (`wrk … -s unique_query.lua URL -- <run>`), different for each
-- wrk run: a slice that repeated an earlier slice's query strings would read the pages that slice
-- stored (hits, not misses). Without one, the time in seconds stands in for it.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  n = 0
  run = args[1] or tostring(os.time())
end

function request()
  n = n + 1
  return wrk.format("GET", wrk.path .. "?lan=" .. run .. "-" .. tid .. "-" .. n)
end
