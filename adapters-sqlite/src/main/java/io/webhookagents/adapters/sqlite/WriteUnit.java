package io.webhookagents.adapters.sqlite;

import io.webhookagents.ports.out.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One caller's write, queued for the writer thread: the work, the name it has in messages, and the
 * outcome its caller waits for.
 *
 * <p>A unit is taken once, either by the writer, which then runs it, or by its caller giving up on
 * it, which makes sure it never runs. Its result is held back until the transaction it ran in has
 * committed, and only then handed to the caller. Thread-safe.
 */
final class WriteUnit<T> {
  private final String what;
  private final Transactions.Work<T> work;
  private final AtomicBoolean taken = new AtomicBoolean();
  private final CompletableFuture<T> outcome = new CompletableFuture<>();
  // Written and read by the thread committing the unit, between running it and the commit.
  private @Nullable T result;

  /** {@code what} completes "could not ..." in error messages and names the agent or delivery. */
  WriteUnit(String what, Transactions.Work<T> work) {
    this.what = what;
    this.work = work;
  }

  String what() {
    return what;
  }

  /** True for the first caller only: the writer before running it, or the caller giving up. */
  boolean take() {
    return taken.compareAndSet(false, true);
  }

  /** Runs the work; its result waits for {@link #committed}. */
  void run(Connection connection) throws SQLException {
    result = work.run(connection);
  }

  /** The transaction that ran this unit has committed: hands the result to the caller. */
  void committed() {
    outcome.complete(result);
  }

  /**
   * The unit failed or its transaction did. An {@link SQLException} reaches the caller wrapped in a
   * {@link StoreException} naming this unit; any other exception as it was thrown.
   */
  void failed(Throwable cause) {
    outcome.completeExceptionally(cause);
  }

  /**
   * Waits for the unit to commit and returns its result.
   *
   * @throws StoreException when it failed, or when {@code timeoutMillis} passed first; the message
   *     then says whether it may still be written
   */
  T await(long timeoutMillis) {
    try {
      return outcome.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    } catch (TimeoutException e) {
      throw givenUp("waited " + timeoutMillis + " ms for the writer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw givenUp("interrupted", e);
    }
  }

  /**
   * The unit's result once it has committed, for a caller that does not wait: the stage fails as
   * {@link #await} would throw, a {@link TimeoutException} once {@code timeoutMillis} have passed.
   * What is chained to it runs on the thread that completes it, usually the writer's, so it must be
   * quick and must not wait.
   */
  CompletableFuture<T> later(long timeoutMillis) {
    return outcome
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .handle(
            (result, failure) -> {
              if (failure == null) {
                return result;
              }
              Throwable cause =
                  failure instanceof CompletionException ? failure.getCause() : failure;
              if (cause instanceof TimeoutException timeout) {
                throw givenUp("waited " + timeoutMillis + " ms for the writer", timeout);
              }
              throw rethrown(cause);
            });
  }

  private StoreException givenUp(String why, Exception cause) {
    // Taking the unit away from the writer is what makes "not written" true.
    String fate = take() ? "it was not written" : "it may still be committed";
    return new StoreException("could not " + what + ": " + why + ", " + fate, cause);
  }

  /** The failure as the caller should see it, thrown in the caller's own thread. */
  private RuntimeException rethrown(Throwable cause) {
    if (cause instanceof SQLException) {
      return new StoreException("could not " + what, cause);
    }
    if (cause instanceof StoreException) {
      return new StoreException(cause.getMessage(), cause);
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new StoreException("could not " + what, cause);
  }
}
