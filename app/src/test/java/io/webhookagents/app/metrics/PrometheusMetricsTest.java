package io.webhookagents.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.webhookagents.domain.AgentStatus;
import io.webhookagents.ports.out.AgentStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {

  @Test
  void everyScrape_hasTheJvmMeters_boundOffTheStartingThread() {
    AgentStore store = mock(AgentStore.class);
    when(store.countByStatus()).thenReturn(Map.of(AgentStatus.RUNNING, 3));

    String scraped = new PrometheusMetrics(store, () -> 2).scrape();

    assertThat(scraped)
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_threads_live_threads ")
        .contains("system_cpu_count ")
        .contains("orchestrator_agents{status=\"running\"} 3.0")
        .contains("orchestrator_dispatch_in_flight 2.0");
  }
}
