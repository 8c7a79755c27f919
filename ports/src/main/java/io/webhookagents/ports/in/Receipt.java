package io.webhookagents.ports.in;

import io.webhookagents.domain.AgentId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What became of a delivery. */
public sealed interface Receipt permits Receipt.Created, Receipt.Duplicate, Receipt.Ignored {

  /**
   * A pending agent was committed for it; {@code followUpSession} is the session of a running agent
   * it follows up, null for an agent that will ask for a session of its own. The session is for the
   * log: the sender's answer is the same either way.
   */
  record Created(AgentId agentId, @Nullable String followUpSession) implements Receipt {
    public Created {
      Objects.requireNonNull(agentId, "agentId");
    }

    /** An agent that will ask for a session of its own. */
    public Created(AgentId agentId) {
      this(agentId, null);
    }
  }

  /** The source sent this delivery before; {@code agentId} is the agent it led to, if any. */
  record Duplicate(@Nullable AgentId agentId) implements Receipt {}

  /** It was recorded but starts nothing, for the reason given. */
  record Ignored(String reason) implements Receipt {
    public Ignored {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
