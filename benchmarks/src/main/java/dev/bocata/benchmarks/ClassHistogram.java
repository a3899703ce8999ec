package dev.bocata.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A server's class histogram ({@link ChildServer#histogram}): what idle connections hold, by class. */
final class ClassHistogram {

    private ClassHistogram() {}

    /** A class histogram's lines: class name (or "Total") -> {instances, bytes}. */
    static Map<String, long[]> parse(String text) {
        Map<String, long[]> byClass = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":")) {
                byClass.merge(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])}, (x, y) ->
                        new long[] {x[0] + y[0], x[1] + y[1]});
            } else if (parts.length >= 3 && parts[0].equals("Total")) {
                byClass.put("Total", new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
            }
        }
        return byClass;
    }

    /** The classes whose live bytes grew the most, per connection: bytes, instances, class. */
    static String difference(Map<String, long[]> before, Map<String, long[]> after, int count, String variant) {
        record Growth(String name, double bytes, double instances) {}
        List<Growth> growth = new ArrayList<>();
        after.forEach((name, counts) -> {
            long[] was = before.getOrDefault(name, new long[2]);
            if (!name.equals("Total")) {
                growth.add(
                        new Growth(name, (counts[1] - was[1]) / (double) count, (counts[0] - was[0]) / (double) count));
            }
        });
        growth.sort((x, y) -> Double.compare(y.bytes(), x.bytes()));
        StringBuilder out = new StringBuilder(
                String.format(Locale.ROOT, "  %s: %10s %10s  %s%n", variant, "bytes/conn", "objs/conn", "class"));
        double listed = 0;
        for (Growth g : growth.subList(0, Math.min(25, growth.size()))) {
            out.append(String.format(
                    Locale.ROOT, "  %s: %10.0f %10.2f  %s%n", variant, g.bytes(), g.instances(), g.name()));
            listed += g.bytes();
        }
        double total = growth.stream().mapToDouble(Growth::bytes).sum();
        out.append(String.format(Locale.ROOT, "  %s: %10.0f %10s  (all other classes)%n", variant, total - listed, ""));
        return out.toString();
    }
}
