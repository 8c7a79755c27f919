package io.webhookagents.adapters.http;

import io.webhookagents.ports.in.ScrapeMetrics;

/** Serves the text the test sets, in Prometheus's text format. */
final class FakeScrapeMetrics implements ScrapeMetrics {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  volatile String text = "# TYPE orchestrator_up gauge\norchestrator_up 1.0\n";

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public String scrape() {
    return text;
  }
}
