/**
 * Starts agents through the controller's HTTP API: Retrofit and Moshi over one shared OkHttp
 * client, with every failure sorted into retryable or permanent for the dispatcher.
 */
@NullMarked
package io.webhookagents.adapters.controller;

import org.jspecify.annotations.NullMarked;
