package io.webhookagents.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.out.TaskRequest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentLauncherTest {

  @Test
  void agentEnvironment_keepsTheServicesVariables_butNotTheOrchestratorsSecrets() {
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", "/usr/bin:/bin");
    environment.put("ANTHROPIC_API_KEY", "the agent's own key");
    AgentLauncher.WITHHELD.forEach(name -> environment.put(name, "secret"));
    AgentId agent = new AgentId("agent-env");
    AgentFiles files = AgentFiles.of(Path.of("/data"), agent);
    TaskRequest request = new TaskRequest(agent, "octo/repo", "local-agent-env", "p", "key");

    AgentLauncher.prepareEnvironment(environment, files, request, "task-agent-env");

    assertThat(environment)
        .doesNotContainKeys(AgentLauncher.WITHHELD.toArray(String[]::new))
        .containsEntry("PATH", "/usr/bin:/bin")
        .containsEntry("ANTHROPIC_API_KEY", "the agent's own key")
        .containsEntry("AGENT_ID", "agent-env")
        .containsEntry("AGENT_REPO", "octo/repo")
        .containsEntry("AGENT_SESSION_ID", "local-agent-env")
        .containsEntry("AGENT_TASK_ID", "task-agent-env")
        .containsEntry("AGENT_PROMPT_FILE", "/data/workspaces/agent-env/prompt.txt");
  }
}
