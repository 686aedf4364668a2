package dev.anyclaude.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a collapsed CPU profile ({@code thread;frame;...;frame count} per line) says in a few lines: each thread
 * group's share of the samples (numbers in thread names dropped: {@code XNIO-1 I/O-2} counts as {@code XNIO-N I/O-N}),
 * and for anyclaude's IO threads the kernel's share and the frames that take the most samples of their own.
 *
 * @param threads  samples per thread group, most first
 * @param ioTotal  samples of anyclaude's IO threads
 * @param ioKernel of those, samples whose innermost frame is the kernel's
 * @param ioSelf   samples per innermost frame of the IO threads, most first, at most {@link #TOP}
 */
record ProfileSummary(Map<String, Long> threads, long ioTotal, long ioKernel, Map<String, Long> ioSelf) {
    static final int TOP = 15;
    private static final String IO_THREAD = "XNIO-N I/O-N";

    static ProfileSummary of(List<String> lines) {
        Map<String, Long> threads = new TreeMap<>();
        Map<String, Long> self = new TreeMap<>();
        long ioTotal = 0;
        long ioKernel = 0;
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            if (space < 0 || line.isBlank()) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1).trim());
            String[] frames = line.substring(0, space).split(";");
            String thread = frames[0].replaceAll(" tid=\\d+", "").replaceAll("\\d+", "N").replaceAll("[\\[\\]]", "");
            threads.merge(thread, count, Long::sum);
            if (thread.startsWith(IO_THREAD)) {
                ioTotal += count;
                String innermost = frames[frames.length - 1];
                if (innermost.endsWith("_[k]")) {
                    ioKernel += count;
                }
                self.merge(innermost, count, Long::sum);
            }
        }
        return new ProfileSummary(mostFirst(threads, Integer.MAX_VALUE), ioTotal, ioKernel, mostFirst(self, TOP));
    }

    private static Map<String, Long> mostFirst(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    String render(String indent) {
        long total = threads.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder out = new StringBuilder();
        out.append(indent).append("samples by thread: ");
        out.append(threads.entrySet().stream().map(e -> e.getKey() + " " + percent(e.getValue(), total))
                .collect(Collectors.joining(", "))).append('\n');
        out.append(indent).append("anyclaude's IO threads: ").append(ioTotal).append(" samples, kernel ")
                .append(percent(ioKernel, ioTotal)).append("; their own hottest frames:\n");
        ioSelf.forEach((frame, count) -> out.append(indent).append("  ").append(percent(count, ioTotal)).append(' ')
                .append(frame).append('\n'));
        return out.toString();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0 %" : String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
