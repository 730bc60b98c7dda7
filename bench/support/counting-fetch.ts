/**
 * A `fetch` that counts upstream requests by kind (job status, job result) and the most requests
 * in flight at once for any one job: the gateway is given it, so counts come from its own traffic.
 */
export interface UpstreamCounts {
  readonly fetch: typeof fetch;
  status(): number;
  results(): number;
  /** Highest number of concurrent status requests seen for a single job. */
  maxInFlightPerJob(): number;
  reset(): void;
}

export function countingFetch(): UpstreamCounts {
  let status = 0;
  let results = 0;
  let maxInFlight = 0;
  const inFlight = new Map<string, number>();
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const jobStatus = /\/jobs\/[^/]+$/.test(url.pathname);
    if (jobStatus) status++;
    if (/\/jobs\/[^/]+\/results\//.test(url.pathname)) results++;
    const key = url.pathname;
    if (jobStatus) {
      const now = (inFlight.get(key) ?? 0) + 1;
      inFlight.set(key, now);
      maxInFlight = Math.max(maxInFlight, now);
    }
    try {
      return await fetch(input, init);
    } finally {
      if (jobStatus) inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
    }
  };
  return {
    fetch: wrapped,
    status: () => status,
    results: () => results,
    maxInFlightPerJob: () => maxInFlight,
    reset: () => {
      status = 0;
      results = 0;
      maxInFlight = 0;
    },
  };
}
