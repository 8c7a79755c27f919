package io.webhookagents.ports.out;

import org.jspecify.annotations.Nullable;

/** The store could not do what was asked; the message names the agent or delivery. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
