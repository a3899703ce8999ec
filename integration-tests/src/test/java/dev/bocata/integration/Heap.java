package dev.bocata.integration;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/** The JVM's live heap, for tests that show a load costs it nothing once over (run them @Isolated). */
final class Heap {

    private Heap() {}

    /** Bytes of live objects right after a full GC (the class histogram forces one). */
    static long usedAfterGc() throws Exception {
        ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
        String histogram = (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(diagnostics, "gcClassHistogram", new Object[] {null}, new String[] {String[].class.getName()});
        String total = histogram
                .lines()
                .filter(line -> line.startsWith("Total"))
                .findFirst()
                .orElseThrow();
        return Long.parseLong(total.trim().split("\\s+")[2]);
    }
}
