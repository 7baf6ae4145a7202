package io.cloudmount.provider.s3;

import io.cloudmount.provider.ProviderException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one small request per item on a bounded executor and collects the results in item order.
 * The first failure cancels what has not started and is rethrown; the caller's thread only waits.
 */
final class ParallelLookups<T, R> {
    /** One lookup that may fail with a typed error. */
    @FunctionalInterface
    interface Lookup<T, R> {
        R apply(T item) throws ProviderException;
    }

    private final ExecutorService executor;
    private final S3Errors errors;
    private final String path;

    ParallelLookups(ExecutorService executor, S3Errors errors, String path) {
        this.executor = executor;
        this.errors = errors;
        this.path = path;
    }

    List<R> run(List<T> items, Lookup<T, R> lookup) throws ProviderException {
        List<Future<R>> futures = new ArrayList<>(items.size());
        try {
            for (T item : items) {
                futures.add(executor.submit(() -> lookup.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw errors.translate(e.getCause(), path);
        } catch (RejectedExecutionException e) {
            throw new ProviderException.Io(path, "the provider is closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Io(path, "interrupted", e);
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }
}
