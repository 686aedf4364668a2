package dev.anyclaude.plugins.cache;

import dev.anyclaude.api.JsonCodec;
import dev.anyclaude.api.Reply;
import dev.anyclaude.api.model.StreamEvent;
import dev.anyclaude.api.relay.RelayStage;
import dev.anyclaude.api.wire.RawReplies;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The cache's part in a call on the fast path ({@link CacheMiddleware#onRelay}), one stage per outcome: a hit
 * answers the call from the stored answer, a miss records the answer as it passes and has it stored at its end, a
 * bypass only says so. Each does what {@link CacheMiddleware#intercept} does for the same call, on an IO thread.
 */
final class CacheStages {
    private CacheStages() {
    }

    /** A stored answer: served in the client's form, the upstream never asked. */
    static final class Hit implements RelayStage {
        private final Supplier<Reply> reply;

        /** @param reply the answer, counted as a hit when it is made (once) */
        Hit(Supplier<Reply> reply) {
            this.reply = reply;
        }

        @Override
        public Optional<Reply> answer() {
            return Optional.of(reply.get());
        }

        @Override
        public List<StreamEvent> onEvent(StreamEvent event) {
            return List.of(event);
        }
    }

    /** The answer passes untouched, with {@code x-anyclaude-cache} saying what the cache did (a bypass). */
    static final class Tagged implements RelayStage {
        private final Map<String, String> headers;
        private final Runnable counted;

        /** @param counted counts the outcome, once the call was relayed with this stage */
        Tagged(String outcome, Runnable counted) {
            this.headers = Map.of(Lookup.HEADER, outcome);
            this.counted = counted;
        }

        @Override
        public List<StreamEvent> onEvent(StreamEvent event) {
            return List.of(event);
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }

        @Override
        public RawWatch rawWatch() {
            return Unwatched.INSTANCE;
        }

        @Override
        public void closed(boolean relayed) {
            if (relayed) {
                counted.run();
            }
        }
    }

    /**
     * A miss: the answer passes untouched and is recorded as it does (its bytes when relayed unchanged, its events as
     * SSE frames when translated), then offered to be stored when it ended well; anything else abandons the recording,
     * which lets requests waiting for it (single flight) ask the backend themselves.
     */
    static final class Miss implements RelayStage, RelayStage.RawWatch {
        private static final Map<String, String> HEADERS = Map.of(Lookup.HEADER, "miss");

        private final BiFunction<StoredAnswer.Form, String, Recording> recordingFor;
        private final Runnable abandoned;
        private final Runnable counted;
        private final JsonCodec json;
        private Recording recording;
        private boolean given;
        private boolean stopped;
        private boolean failed;

        /**
         * @param recordingFor a recording for an answer of this form and content encoding (null for none)
         * @param abandoned    says nothing will be stored, when no recording was made
         * @param counted      counts the miss, once the call was relayed with this stage
         */
        Miss(BiFunction<StoredAnswer.Form, String, Recording> recordingFor, Runnable abandoned, Runnable counted,
             JsonCodec json) {
            this.recordingFor = recordingFor;
            this.abandoned = abandoned;
            this.counted = counted;
            this.json = json;
        }

        @Override
        public Map<String, String> headers() {
            return HEADERS;
        }

        @Override
        public RawWatch rawWatch() {
            return this;
        }

        @Override
        public void head(int status, HttpHeaders headers) {
            String encoding = headers.firstValue("content-encoding").orElse(null);
            if (RawReplies.isAnswer(status, headers) && AnswerCheck.decodable(encoding)) {
                recording = recordingFor.apply(RawReplies.isSse(headers) ? StoredAnswer.Form.SSE
                        : StoredAnswer.Form.JSON, encoding);
            } else {
                giveUp();
            }
        }

        @Override
        public void body(ByteBuffer bytes) {
            if (recording != null) {
                recording.add(bytes);
            }
        }

        @Override
        public void end() {
            if (recording != null) {
                recording.complete();
            }
        }

        @Override
        public List<StreamEvent> onEvent(StreamEvent event) {
            if (recording == null && !given) {
                recording = recordingFor.apply(StoredAnswer.Form.SSE, null);
            }
            switch (event) {
                case StreamEvent.MessageStop stop -> stopped = true;
                case StreamEvent.Error error -> failed = true;
                default -> { }
            }
            if (recording != null) {
                byte[] frame = RecordingEvents.frame(event, json);
                recording.add(frame, 0, frame.length);
            }
            return List.of(event);
        }

        @Override
        public List<StreamEvent> onEnd() {
            if (recording != null) {
                if (stopped && !failed) {
                    recording.complete();
                } else {
                    recording.abort();
                }
            }
            return List.of();
        }

        @Override
        public void closed(boolean relayed) {
            if (relayed) {
                counted.run();
            }
            if (recording != null) {
                recording.abort(); // nothing after a completion
            } else {
                giveUp();
            }
        }

        private void giveUp() {
            if (!given) {
                given = true;
                abandoned.run();
            }
        }
    }

    /** Watches nothing: the answer is relayed as it is. */
    private enum Unwatched implements RelayStage.RawWatch {
        INSTANCE;

        @Override
        public void head(int status, HttpHeaders headers) {
        }

        @Override
        public void body(ByteBuffer bytes) {
        }

        @Override
        public void end() {
        }
    }
}
