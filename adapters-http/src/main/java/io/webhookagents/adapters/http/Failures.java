package io.webhookagents.adapters.http;

import io.webhookagents.domain.IllegalTransitionException;
import io.webhookagents.ports.in.AgentNotFoundException;
import io.webhookagents.ports.out.StoreException;

/** The one place that turns what a request failed with into the problem its caller gets. */
final class Failures {
  // Long enough for a locked or restarting database to recover, short enough for a sender.
  static final String STORE_RETRY_AFTER_SECONDS = "30";

  private Failures() {}

  static Problem problemFor(Throwable failure) {
    if (failure instanceof ProblemException answer) {
      return answer.problem();
    }
    if (failure instanceof StoreException) {
      return Problem.of(
              ProblemType.STORE_UNAVAILABLE,
              "the orchestrator could not record this in its database; try again later")
          .withHeader("Retry-After", STORE_RETRY_AFTER_SECONDS);
    }
    if (failure instanceof AgentNotFoundException) {
      return Problem.of(ProblemType.NOT_FOUND, failure.getMessage());
    }
    if (failure instanceof IllegalTransitionException) {
      return Problem.of(ProblemType.ILLEGAL_TRANSITION, failure.getMessage());
    }
    return Problem.of(
        ProblemType.INTERNAL_ERROR, "the orchestrator failed unexpectedly; see its log");
  }

  /** True for failures that are the service's fault and deserve an error line in the log. */
  static boolean isUnexpected(Throwable failure) {
    return !(failure instanceof ProblemException
        || failure instanceof StoreException
        || failure instanceof AgentNotFoundException
        || failure instanceof IllegalTransitionException);
  }
}
