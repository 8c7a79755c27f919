package io.webhookagents.adapters.http;

/** Ends a request with a {@link Problem}; thrown wherever the problem is found. */
final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Problem problem;

  ProblemException(Problem problem) {
    // No stack trace: this is an answer to the caller, not a fault in the service.
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
