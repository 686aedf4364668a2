package dev.anyclaude.bench;

import java.util.Locale;
import java.util.Map;

/**
 * docs/benchmarks.svg: added latency at concurrency 1 per lane and proxy, p50 (solid) and p99 (pale) bars on a log
 * scale from 10 µs to 100 ms. Plain SVG text, no dependencies.
 */
final class SvgChart {
    private static final int LABEL = 270;
    private static final int PLOT = 450;
    private static final int ROW = 28;
    private static final int TOP = 46;
    private static final double MIN_LOG = 1;   // 10 µs
    private static final double MAX_LOG = 5;   // 100 ms
    private static final Map<String, String> COLORS = Map.of(Target.ANYCLAUDE, "#1f6feb", Peer.CCR, "#d97706",
            Peer.PORTKEY, "#7c3aed", Peer.HAPROXY, "#6b7280");

    private SvgChart() {
    }

    static String render(Results results) {
        int height = TOP + results.latency.size() * ROW + 40;
        int width = LABEL + PLOT + 110;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append("<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">Added latency at concurrency 1, "
                + results.placement.description() + " (proxy minus direct, same mock, same run)</text>\n");
        svg.append("<text x=\"10\" y=\"34\" fill=\"#555\">solid: p50, pale: p99; log scale; black ticks: anyclaude's"
                + " targets (p50, p99); cache rows: the whole answer's time</text>\n");
        for (int decade = (int) MIN_LOG; decade <= MAX_LOG; decade++) {
            double x = LABEL + (decade - MIN_LOG) / (MAX_LOG - MIN_LOG) * PLOT;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    x, TOP - 4, x, height - 30));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
                    x, height - 14, tick(decade)));
        }
        int y = TOP;
        for (Results.LatencyRow row : results.latency) {
            String color = COLORS.getOrDefault(row.proxy(), "#555");
            // A cache hit's target is the whole answer's time, so its rows show that rather than the added time.
            boolean absolute = row.lane().startsWith("cache");
            double p50 = absolute ? row.proxyP50() : row.addedP50();
            double p99 = absolute ? row.proxyP99() : row.addedP99();
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s · %s%s</text>%n",
                    LABEL - 8, y + 15, row.lane(), row.proxy(), absolute ? " (whole)" : ""));
            svg.append(bar(y + 3, p99, color, 0.35));
            svg.append(bar(y + 8, p50, color, 1.0));
            if (row.proxy().equals(Target.ANYCLAUDE)) {
                for (double goal : goals(row.lane())) {
                    double x = LABEL + width(goal);
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" stroke-width=\"2\"/>%n",
                            x, y + 1, x, y + 23));
                }
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#333\" font-size=\"10\">%s / %s</text>%n",
                    LABEL + width(p99) + 4, y + 15, label(p50), label(p99)));
            y += ROW;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The targets for a lane, in µs. */
    private static double[] goals(String lane) {
        if (lane.startsWith("passthrough")) {
            return new double[] {60, 150};
        }
        if (lane.startsWith("openai")) {
            return new double[] {100, 250};
        }
        return switch (lane) {
            case "cache-heap" -> new double[] {300};
            case "cache-disk" -> new double[] {1000};
            default -> new double[0];
        };
    }

    private static String bar(int y, double micros, String color, double opacity) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" fill-opacity=\"%.2f\"/>%n",
                LABEL, y, width(micros), opacity < 1 ? 18 : 8, color, opacity);
    }

    private static double width(double micros) {
        double log = Math.log10(Math.max(micros, 10));
        return Math.min(1, (log - MIN_LOG) / (MAX_LOG - MIN_LOG)) * PLOT;
    }

    private static String tick(int decade) {
        return switch (decade) {
            case 1 -> "10 µs";
            case 2 -> "100 µs";
            case 3 -> "1 ms";
            case 4 -> "10 ms";
            default -> "100 ms";
        };
    }

    private static String label(double micros) {
        return micros >= 1000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000) : String.format(Locale.ROOT, "%.0f µs", micros);
    }
}
