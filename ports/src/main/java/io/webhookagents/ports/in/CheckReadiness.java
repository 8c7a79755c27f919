package io.webhookagents.ports.in;

import java.util.List;

/** Whether the service can take and move work now: its store is writable, dispatch runs. */
public interface CheckReadiness {

  /** The problems that keep the service from being ready; empty when it is ready. */
  List<String> problems();
}
