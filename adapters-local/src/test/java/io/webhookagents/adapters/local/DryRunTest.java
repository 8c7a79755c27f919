package io.webhookagents.adapters.local;

import static io.webhookagents.adapters.local.TestAgents.agent;
import static io.webhookagents.adapters.local.TestAgents.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.out.TaskProgress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DryRunTest {
  @TempDir Path dataDir;

  @Test
  void withoutCommand_theTaskWritesItsPromptToTheLog_andCompletesAtTheFirstPoll() {
    Agent agent = agent("agent-dry", "Add a README.\nKeep it short.");
    try (LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, null))) {

      String taskId = start(runner, agent);
      TaskProgress progress = runner.pollTask(agent);

      assertThat(taskId).isEqualTo("task-agent-dry");
      assertThat(progress)
          .isEqualTo(new TaskProgress.Ended(AgentStatus.COMPLETED, Endings.DRY_RUN));
      assertThat(AgentFiles.of(dataDir, agent.id()).log())
          .hasContent("dry run: no AGENT_COMMAND set; prompt follows\n" + agent.prompt());
    }
  }

  @Test
  void blankCommand_countsAsNone() {
    Agent agent = agent("agent-blank", "prompt");
    try (LocalRunner runner = new LocalRunner(LocalRunnerSettings.of(dataDir, "  "))) {

      start(runner, agent);

      assertThat(runner.pollTask(agent))
          .isEqualTo(new TaskProgress.Ended(AgentStatus.COMPLETED, Endings.DRY_RUN));
    }
  }

  @Test
  void dryRunTask_stillCompletesAfterARestart() {
    Agent agent = agent("agent-dry-restart", "prompt");
    try (LocalRunner before = new LocalRunner(LocalRunnerSettings.of(dataDir, null))) {
      start(before, agent);
    }

    try (LocalRunner after = new LocalRunner(LocalRunnerSettings.of(dataDir, null))) {
      TaskProgress progress = after.pollTask(agent);

      assertThat(progress)
          .isEqualTo(new TaskProgress.Ended(AgentStatus.COMPLETED, Endings.DRY_RUN));
    }
  }
}
