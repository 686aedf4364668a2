package dev.anyclaude.plugins.cache.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * For a request a replay has not seen: the recorded exchange closest to it, and how they differ, so the error
 * says what to look at. Closest means the most leading {@code messages} in common, then the same backend and model,
 * then the fewest other top-level fields that differ. Stateless.
 */
final class NearestExchange {

    private NearestExchange() {
    }

    /** How a recorded exchange compares with the request. */
    record Match(Exchange exchange, int commonMessages, boolean sameTarget, List<String> otherDifferences) {

        /** One sentence for the error message. */
        String describe(int requestMessages) {
            StringBuilder text = new StringBuilder("nearest recorded exchange: ").append(exchange.fileName())
                    .append(" (key ").append(exchange.shortKey()).append(", ").append(exchange.backend()).append(',')
                    .append(exchange.model()).append(", ").append(exchange.body().path("messages").size())
                    .append(" messages): ");
            int recordedMessages = exchange.body().path("messages").size();
            List<String> differences = new ArrayList<>();
            if (!sameTarget) {
                differences.add("backend or model");
            }
            if (commonMessages < Math.max(requestMessages, recordedMessages)) {
                differences.add("messages from messages[" + commonMessages + "] on (this request has " + requestMessages
                        + ")");
            }
            differences.addAll(otherDifferences);
            if (differences.isEmpty()) {
                text.append("the same summary; the difference is in what the summary leaves out (tool schemas or "
                        + "anthropic-beta)");
            } else {
                text.append("differs in ").append(String.join(", ", differences));
            }
            return text.toString();
        }
    }

    /** The closest of {@code recorded} to a request with this summarised body, backend and model. */
    static Optional<Match> find(List<Exchange> recorded, ObjectNode body, String backend, String model) {
        return recorded.stream()
                .map(exchange -> compare(exchange, body, backend, model))
                .max(Comparator.comparingInt(Match::commonMessages)
                        .thenComparing(Match::sameTarget)
                        .thenComparing(match -> -match.otherDifferences().size())
                        .thenComparing(match -> match.exchange().number()));
    }

    private static Match compare(Exchange exchange, ObjectNode body, String backend, String model) {
        JsonNode ours = body.path("messages");
        JsonNode theirs = exchange.body().path("messages");
        int common = 0;
        while (common < ours.size() && common < theirs.size() && ours.get(common).equals(theirs.get(common))) {
            common++;
        }
        TreeSet<String> fields = new TreeSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        exchange.body().fieldNames().forEachRemaining(fields::add);
        fields.remove("messages");
        fields.remove("model");
        fields.remove("stream");
        List<String> other = new ArrayList<>();
        for (String field : fields) {
            if (!Objects.equals(body.get(field), exchange.body().get(field))) {
                other.add(field);
            }
        }
        boolean sameTarget = Objects.equals(backend, exchange.backend()) && Objects.equals(model, exchange.model());
        return new Match(exchange, common, sameTarget, other);
    }
}
