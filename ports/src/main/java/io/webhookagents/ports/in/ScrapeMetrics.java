package io.webhookagents.ports.in;

/** The service's metrics, in a text format a collector scrapes. */
public interface ScrapeMetrics {

  /** The media type of {@link #scrape()}, e.g. Prometheus's text format with its version. */
  String contentType();

  /** Every metric's current value. */
  String scrape();
}
