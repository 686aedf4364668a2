package dev.anyclaude.core.routing;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.TokenEstimate;
import dev.anyclaude.api.model.ContentBlock;
import dev.anyclaude.api.model.InputMessage;
import dev.anyclaude.api.model.MessagesRequest;
import dev.anyclaude.api.model.ThinkingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Picks where a request goes, first rule that applies:
 * <ol>
 *   <li>{@code backend,model} in the model name (so {@code /model} inside Claude Code switches backend);</li>
 *   <li>long context: the estimated input is above the threshold;</li>
 *   <li>images anywhere in the messages;</li>
 *   <li>extended thinking requested ({@code enabled} or {@code adaptive});</li>
 *   <li>background: a haiku-class model name (Claude Code's small background jobs);</li>
 *   <li>a model alias whose pattern matches the name;</li>
 *   <li>the default backend, model unchanged.</li>
 * </ol>
 * The plan then lists the fallback targets, which get the same model. The request is parsed only when a rule
 * needs its content, so the passthrough lane stays unparsed without such rules.
 */
public final class RouteResolver {
    private final String defaultBackend;
    private final List<String> knownBackends;
    private final RouterConfig rules;

    public RouteResolver(String defaultBackend, List<String> knownBackends, RouterConfig rules) {
        this.defaultBackend = Objects.requireNonNull(defaultBackend);
        this.knownBackends = List.copyOf(knownBackends);
        this.rules = Objects.requireNonNull(rules);
    }

    /** A resolver with no rules beyond {@code backend,model} and the default. */
    public RouteResolver(String defaultBackend, List<String> knownBackends) {
        this(defaultBackend, knownBackends, RouterConfig.none());
    }

    /**
     * The route for this model name, the first rule that applies.
     *
     * @param request the parsed request, asked for only when a content rule is configured
     * @throws AnthropicException 400 naming the known backends when the name's backend part is unknown
     */
    public Route resolve(String model, Supplier<MessagesRequest> request) {
        int comma = model.indexOf(',');
        if (comma >= 0) {
            return explicit(model, comma);
        }
        if (rules.needsRequest()) {
            MessagesRequest parsed = request.get();
            if (rules.longContext().isPresent() && inputTokens(parsed) > rules.longContextThreshold()) {
                return rules.longContext().get().toRoute(model);
            }
            if (rules.images().isPresent() && hasImages(parsed)) {
                return rules.images().get().toRoute(model);
            }
            if (rules.thinking().isPresent() && thinks(parsed)) {
                return rules.thinking().get().toRoute(model);
            }
        }
        if (rules.background().isPresent() && model.toLowerCase(java.util.Locale.ROOT).contains("haiku")) {
            return rules.background().get().toRoute(model);
        }
        Optional<RouteTarget> alias = rules.alias(model);
        return alias.map(target -> target.toRoute(model)).orElseGet(() -> new Route(defaultBackend, model));
    }

    /** The route and then the fallback routes, none twice. */
    public List<Route> plan(String model, Supplier<MessagesRequest> request) {
        Route first = resolve(model, request);
        List<Route> plan = new ArrayList<>(List.of(first));
        for (RouteTarget fallback : rules.fallback()) {
            Route next = fallback.toRoute(first.model());
            if (!plan.contains(next)) {
                plan.add(next);
            }
        }
        return plan;
    }

    /** The route for this model name, when no rule needs the request's content. */
    public Route resolve(String model) {
        return resolve(model, () -> {
            throw new IllegalStateException("a content rule needs the request");
        });
    }

    /** The backend for requests that name none (for example {@code GET /v1/models}). */
    public Route defaultRoute() {
        return new Route(defaultBackend, "");
    }

    private Route explicit(String model, int comma) {
        String backend = model.substring(0, comma).trim();
        String upstreamModel = model.substring(comma + 1).trim();
        if (!knownBackends.contains(backend)) {
            throw AnthropicException.invalidRequest("model: unknown backend '" + backend + "' in '" + model
                    + "'; known backends: " + String.join(", ", knownBackends));
        }
        if (upstreamModel.isEmpty()) {
            throw AnthropicException.invalidRequest("model: '" + model + "' names backend '" + backend
                    + "' but no model after the comma");
        }
        return new Route(backend, upstreamModel);
    }

    private static long inputTokens(MessagesRequest request) {
        return TokenEstimate.inputTokens(request);
    }

    private static boolean thinks(MessagesRequest request) {
        return request.thinking() instanceof ThinkingConfig.Enabled || request.thinking() instanceof ThinkingConfig.Adaptive;
    }

    private static boolean hasImages(MessagesRequest request) {
        if (request.messages() == null) {
            return false;
        }
        for (InputMessage message : request.messages()) {
            for (ContentBlock block : message.content().blocks()) {
                if (block instanceof ContentBlock.Image) {
                    return true;
                }
                if (block instanceof ContentBlock.ToolResult result && result.content() != null
                        && result.content().blocks().stream().anyMatch(ContentBlock.Image.class::isInstance)) {
                    return true;
                }
            }
        }
        return false;
    }
}
