package io.webhookagents.adapters.controller;

import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.POST;
import retrofit2.http.Path;

/**
 * The controller's endpoints as Retrofit sees them. Paths are relative so that they resolve below a
 * base URL's path prefix; the bearer token is added by {@link BearerAuth}.
 */
interface ControllerApi {

  @POST("api/v1/sessions")
  Call<IdAnswer> createSession(@Header("Idempotency-Key") String key, @Body SessionBody body);

  @POST("api/v1/sessions/{sessionId}/tasks")
  Call<IdAnswer> submitTask(
      @Path("sessionId") String sessionId,
      @Header("Idempotency-Key") String key,
      @Body TaskBody body);

  @GET("api/v1/sessions/{sessionId}/tasks/{taskId}")
  Call<TaskAnswer> taskStatus(@Path("sessionId") String sessionId, @Path("taskId") String taskId);

  /** What {@code POST /sessions} sends. */
  record SessionBody(String description, String repo) {}

  /** What {@code POST /sessions/{id}/tasks} sends. */
  record TaskBody(String prompt, String model) {}

  /** A created session or task; {@code id} is null when the controller left it out. */
  record IdAnswer(@Nullable String id) {}

  /** A task as the controller reports it; either field is null when left out. */
  record TaskAnswer(@Nullable String id, @Nullable String status) {}
}
