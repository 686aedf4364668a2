package dev.anyclaude.core.observe;

import java.util.List;

/** Told about every API request once its answer is complete. Called on the request's thread: be quick, never throw. */
@FunctionalInterface
public interface RequestObserver {

    void completed(CompletedRequest request);

    /** An observer that tells each of {@code observers}, in order. */
    static RequestObserver all(List<RequestObserver> observers) {
        List<RequestObserver> copy = List.copyOf(observers);
        return request -> copy.forEach(each -> each.completed(request));
    }

    /** An observer that ignores everything. */
    static RequestObserver none() {
        return request -> { };
    }
}
