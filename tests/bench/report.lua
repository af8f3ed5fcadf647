-- wrk script of the portal's benchmarks: one URL, the request prepared once by wrk.
-- At the end it prints one line that tests/bench/stack.py reads.
--
-- wrk counts a response with a status of 400 or more as a status error, and socket
-- connect/read/write errors and timeouts apart; all must stay at zero.

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "NGT-WRK requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d "
         .. "status=%d timeout=%d p50_us=%d p90_us=%d p95_us=%d p99_us=%d "
         .. "max_us=%d mean_us=%.1f\n",
      summary.requests, summary.duration, summary.bytes,
      e.connect, e.read, e.write, e.status, e.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(95),
      latency:percentile(99), latency.max, latency.mean))
end
