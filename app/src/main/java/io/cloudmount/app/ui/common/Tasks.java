package io.cloudmount.app.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/**
 * Runs blocking work off the FX thread and its outcome on it:
 * <pre>{@code
 * Tasks.create(() -> tester.test(spec, secret))
 *      .onSuccess(result -> message.setText(result.message()))
 *      .onError(e -> message.setText(ProblemMessages.of(e)))
 *      .andFinally(() -> button.setDisable(false))
 *      .runOn(executor);
 * }</pre>
 */
public final class Tasks {
    private Tasks() {
    }

    public static <T> Builder<T> create(Callable<T> work) {
        return new Builder<>(work);
    }

    public static final class Builder<T> {
        private final Callable<T> work;
        private Consumer<T> onSuccess = result -> { };
        private Consumer<Throwable> onError = error -> { };
        private Runnable andFinally = () -> { };

        private Builder(Callable<T> work) {
            this.work = work;
        }

        public Builder<T> onSuccess(Consumer<T> handler) {
            this.onSuccess = handler;
            return this;
        }

        public Builder<T> onError(Consumer<Throwable> handler) {
            this.onError = handler;
            return this;
        }

        public Builder<T> andFinally(Runnable handler) {
            this.andFinally = handler;
            return this;
        }

        /** Starts the work on {@code executor}; the handlers run on the FX thread. */
        public Task<T> runOn(Executor executor) {
            Task<T> task = new Task<>() {
                @Override
                protected T call() throws Exception {
                    return work.call();
                }
            };
            task.setOnSucceeded(event -> {
                try {
                    onSuccess.accept(task.getValue());
                } finally {
                    andFinally.run();
                }
            });
            task.setOnFailed(event -> {
                try {
                    onError.accept(task.getException());
                } finally {
                    andFinally.run();
                }
            });
            executor.execute(task);
            return task;
        }
    }
}
