package dev.bocata.benchmarks;

import java.util.concurrent.atomic.AtomicLongArray;

/** Round-trip latencies in 1 µs buckets up to 100 ms. */
final class LatencyHistogram {
    private final AtomicLongArray buckets = new AtomicLongArray(100_001);

    void record(long nanos) {
        buckets.incrementAndGet((int) Math.min(nanos / 1000, 100_000));
    }

    /** The upper bound of the bucket holding this quantile, in nanoseconds. */
    double percentile(double quantile) {
        long total = 0;
        for (int i = 0; i < buckets.length(); i++) {
            total += buckets.get(i);
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return (i + 1) * 1000.0;
            }
        }
        return buckets.length() * 1000.0;
    }
}
