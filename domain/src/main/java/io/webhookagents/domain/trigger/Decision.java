package io.webhookagents.domain.trigger;

import java.util.Objects;

/** What the trigger rules made of an event: start an agent with a prompt, or ignore it. */
public sealed interface Decision permits Decision.Start, Decision.Ignore {

  /** Start an agent that is given {@code prompt}. */
  record Start(String prompt) implements Decision {
    public Start {
      Objects.requireNonNull(prompt, "prompt");
    }
  }

  /** Start nothing; {@code reason} tells the sender's operator why, in words. */
  record Ignore(String reason) implements Decision {
    public Ignore {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
