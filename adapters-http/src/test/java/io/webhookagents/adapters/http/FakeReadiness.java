package io.webhookagents.adapters.http;

import io.webhookagents.ports.in.CheckReadiness;
import java.util.List;

/** Reports the problems the test sets; ready by default. */
final class FakeReadiness implements CheckReadiness {
  volatile List<String> problems = List.of();
  volatile RuntimeException failure;

  @Override
  public List<String> problems() {
    if (failure != null) {
      throw failure;
    }
    return problems;
  }
}
