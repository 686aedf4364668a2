package dev.anyclaude.plugins.mlx;

import dev.anyclaude.api.AnthropicException;
import dev.anyclaude.api.Backend;
import dev.anyclaude.api.Call;
import dev.anyclaude.api.ErrorType;
import dev.anyclaude.api.Health;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.relay.AnswerTranslator;
import dev.anyclaude.api.relay.Relay;
import dev.anyclaude.plugins.openai.OpenAiBackend;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backend type {@code mlx}: a model served by the official mlx_lm.server. {@link #start()} reuses a server that
 * already answers on the port (and never stops it), or launches and supervises one; requests go through the
 * {@code openai} translation with the configured model and sampling fields; while the server (re)starts, requests
 * get a 529 {@code overloaded_error} at once instead of waiting. Thread-safe.
 */
public final class MlxBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(MlxBackend.class);

    /** How the server came to be. */
    enum Mode { NOT_STARTED, LAUNCHED, REUSED, EXTERNAL }

    private final String name;
    private final MlxConfig config;
    private final Backend openai;
    private final Sampling sampling;
    private final ServerProbe probe;
    private final ServerSupervisor supervisor;
    private volatile Mode mode = Mode.NOT_STARTED;

    /**
     * @param name       the config entry's name
     * @param config     its config
     * @param openai     the OpenAI backend that talks to the server
     * @param probe      asks the port what answers there
     * @param supervisor launches and keeps the server running when this backend starts it
     */
    MlxBackend(String name, MlxConfig config, Backend openai, ServerProbe probe, ServerSupervisor supervisor) {
        this.name = name;
        this.config = config;
        this.openai = openai;
        this.sampling = new Sampling(config);
        this.probe = probe;
        this.supervisor = supervisor;
    }

    @Override
    public void start() {
        if (probe.portOpen()) {
            switch (probe.identify()) {
                case ServerProbe.Identity.Mlx mlx -> {
                    mode = Mode.REUSED;
                    LOG.info("backend {}: reusing the server already answering on port {} (it is not ours: it "
                            + "will not be supervised or stopped)", name, config.port());
                    if (!mlx.hasModel()) {
                        LOG.warn("backend {}: that server does not list {}; it will load it at the first request",
                                name, config.model());
                    }
                }
                case ServerProbe.Identity.Other other -> throw new MlxStartException("backend '" + name + "': port "
                        + config.port() + " is taken by another program, not mlx_lm.server (" + other.said()
                        + "). Stop it (`lsof -i :" + config.port() + "`), or set \"port\" to a free port.");
            }
            return;
        }
        if (!config.autoLaunch()) {
            mode = Mode.EXTERNAL;
            LOG.warn("backend {}: nothing answers on port {} and autoLaunch is false; start it yourself: {}", name,
                    config.port(), String.join(" ", config.commandLine()));
            return;
        }
        warnIfNotAppleSilicon();
        mode = Mode.LAUNCHED;
        supervisor.start();
    }

    @Override
    public Reply messages(Call call) {
        refuseWhileNotUp();
        try {
            return openai.messages(call.withRequest(sampling.applyTo(call.request())));
        } catch (AnthropicException e) {
            refuseWhileNotUp();
            throw e;
        }
    }

    /**
     * The fast path while the server is up: the openai backend's, with the same sampling defaults as
     * {@link #messages}, and its errors rechecked as there. Empty while the server (re)starts: {@link #messages}
     * then refuses the call with its 529.
     */
    @Override
    public Optional<Relay> relay(Call call) {
        if (notUp().isPresent()) {
            return Optional.empty();
        }
        boolean askedStream = MlxBackendFactory.TRANSLATION_OPTIONS.asksStream(call.request());
        return openai.relay(call.withRequest(sampling.applyTo(call.request()))).map(relay -> switch (relay) {
            case Relay.Translated translated -> new Relay.Translated(translated.request(), (status, headers) -> {
                AnswerTranslator answer = translated.translator().start(status, headers);
                return OpenAiBackend.answersAtOnce(status, headers, askedStream)
                        ? new RecheckedAnswer(answer, this::refuseWhileNotUp) : answer;
            });
            case Relay.Unchanged unchanged -> unchanged;
        });
    }

    @Override
    public Reply models(Call call) {
        refuseWhileNotUp();
        return openai.models(call);
    }

    @Override
    public Health health() {
        return switch (mode) {
            case NOT_STARTED -> new Health(Health.Status.STARTING, "not started yet");
            case LAUNCHED -> supervisor.health();
            case REUSED, EXTERNAL -> probe.portOpen() ? Health.up()
                    : Health.down("nothing answers on 127.0.0.1:" + config.port()
                    + (mode == Mode.REUSED ? " (the reused server stopped)" : " (autoLaunch is false)"));
        };
    }

    @Override
    public void close() {
        supervisor.close();
    }

    /** The way this backend got its server. */
    Mode mode() {
        return mode;
    }

    private void refuseWhileNotUp() {
        Optional<AnthropicException> refusal = notUp();
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    /** The 529 for a call while the launched server is not up; empty when it is (or is not ours). Never blocks. */
    private Optional<AnthropicException> notUp() {
        if (mode != Mode.LAUNCHED) {
            return Optional.empty();
        }
        Health now = supervisor.health();
        if (now.status() == Health.Status.UP && supervisor.process().filter(p -> !p.isAlive()).isPresent()) {
            // The server died a moment ago and the exit callback has not run yet: the restart is on its way.
            now = new Health(Health.Status.STARTING, "mlx_lm.server exited; restarting");
        }
        if (now.status() != Health.Status.UP) {
            return Optional.of(AnthropicException.of(ErrorType.OVERLOADED, "backend '" + name + "': mlx_lm.server is "
                    + now.status().name().toLowerCase(Locale.ROOT) + " (" + now.detail() + "); retry in a moment"));
        }
        return Optional.empty();
    }

    private void warnIfNotAppleSilicon() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("mac") || !arch.equals("aarch64")) {
            LOG.warn("backend {}: MLX runs on Apple silicon Macs; this is {} {}, so mlx_lm.server will likely fail "
                    + "(use another backend type here)", name, os, arch);
        }
    }
}
