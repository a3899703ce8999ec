package dev.bocata.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The load generator's plumbing: clients on virtual threads, and the CPU spent in a measured window. */
final class Load {

    private Load() {}

    static void runAll(List<Callable<Void>> tasks) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Void> task : executor.invokeAll(tasks)) {
                task.get();
            }
        }
    }

    /**
     * Records {server, own} CPU nanos at {@code from} and at {@code to} into {@code cpu[0..3]}, and
     * the server's allocated bytes at both into {@code cpu[4..5]} (when {@code cpu} has room).
     */
    static Thread sampleCpu(ChildServer server, long from, long to, long[] cpu) {
        return Thread.ofVirtual().start(() -> {
            sleepUntil(from);
            cpu[0] = server.cpuNanos();
            cpu[1] = ownCpuNanos();
            if (cpu.length > 4) {
                cpu[4] = server.allocatedBytes();
            }
            sleepUntil(to);
            cpu[2] = server.cpuNanos();
            cpu[3] = ownCpuNanos();
            if (cpu.length > 4) {
                cpu[5] = server.allocatedBytes();
            }
        });
    }

    static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static long ownCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
