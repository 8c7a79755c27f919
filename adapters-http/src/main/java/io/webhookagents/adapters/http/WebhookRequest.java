package io.webhookagents.adapters.http;

import io.undertow.util.HeaderMap;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A webhook delivery as received: its headers, its media type and the exact bytes of its body.
 *
 * @param mediaType the lower-case media type of the body, without parameters
 */
record WebhookRequest(HeaderMap headers, String mediaType, byte[] body) {

  WebhookRequest {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(body, "body");
  }

  /** The first value of the header, whatever the case of its name; null when it is absent. */
  @Nullable String header(String name) {
    return headers.getFirst(name);
  }
}
