package io.webhookagents.adapters.controller;

import io.webhookagents.adapters.controller.AnswerConverterFactory.MalformedAnswerException;
import io.webhookagents.adapters.controller.ControllerApi.IdAnswer;
import io.webhookagents.adapters.controller.ControllerApi.SessionBody;
import io.webhookagents.adapters.controller.ControllerApi.TaskAnswer;
import io.webhookagents.adapters.controller.ControllerApi.TaskBody;
import io.webhookagents.domain.Agent;
import io.webhookagents.domain.AgentId;
import io.webhookagents.ports.out.AgentController;
import io.webhookagents.ports.out.Clock;
import io.webhookagents.ports.out.ControllerException;
import io.webhookagents.ports.out.SessionRequest;
import io.webhookagents.ports.out.TaskProgress;
import io.webhookagents.ports.out.TaskRequest;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * The controller API as an {@link AgentController}: sessions, tasks, and polls of a task's status.
 * It has no call that stops a task.
 *
 * <p>Every call is synchronous and sends the bearer token; the two that create something also send
 * the request's idempotency key. Failures come out as {@link ControllerException}s sorted into
 * retryable and permanent (see {@link Failures}); nothing here retries, that is the dispatcher's
 * job. Safe for use from many threads at once; all calls share one connection pool, released by
 * {@link #close}.
 */
public final class HttpAgentController implements AgentController, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpAgentController.class);

  static final String CREATE_SESSION = "create-session";
  static final String SUBMIT_TASK = "submit-task";
  static final String TASK_STATUS = "task-status";

  private final OkHttpClient client;
  private final ControllerApi api;
  private final String model;
  private final Failures failures;

  HttpAgentController(OkHttpClient client, ControllerApi api, String model, Failures failures) {
    this.client = client;
    this.api = api;
    this.model = model;
    this.failures = failures;
  }

  /** A controller client for {@code settings}; {@code clock} dates {@code Retry-After} headers. */
  public static HttpAgentController create(ControllerSettings settings, Clock clock) {
    OkHttpClient client = ControllerClients.httpClient(settings);
    ControllerApi api = ControllerClients.api(client, settings);
    return new HttpAgentController(
        client, api, settings.model(), new Failures(settings.apiKey(), clock));
  }

  @Override
  public String createSession(SessionRequest request) {
    SessionBody body = new SessionBody(request.description(), request.repo());
    Response<IdAnswer> answer =
        call(
            CREATE_SESSION,
            request.agentId(),
            () -> api.createSession(request.idempotencyKey(), body));

    String sessionId = idOf(CREATE_SESSION, request.agentId(), answer);
    log.debug("agent {}: controller created session {}", request.agentId(), sessionId);
    return sessionId;
  }

  @Override
  public String submitTask(TaskRequest request) {
    TaskBody body = new TaskBody(request.prompt(), model);
    Response<IdAnswer> answer =
        call(
            SUBMIT_TASK,
            request.agentId(),
            () -> api.submitTask(request.sessionId(), request.idempotencyKey(), body));

    String taskId = idOf(SUBMIT_TASK, request.agentId(), answer);
    log.debug(
        "agent {}: controller took task {} on session {}",
        request.agentId(),
        taskId,
        request.sessionId());
    return taskId;
  }

  /**
   * Asks the controller how task {@code taskId} of session {@code sessionId} is doing.
   *
   * @param agentId the agent the task belongs to, for the log
   * @return the controller's word for the task's state, or {@link TaskStatus.PollingUnsupported}
   *     when it answered {@code 404} or {@code 405}
   * @throws ControllerException when the call failed otherwise, sorted like the other calls
   */
  public TaskStatus taskStatus(AgentId agentId, String sessionId, String taskId) {
    Response<TaskAnswer> answer;
    try {
      answer = execute(TASK_STATUS, agentId, () -> api.taskStatus(sessionId, taskId));
    } catch (ControllerException e) {
      log.debug("agent {}: polling task {} failed: {}", agentId, taskId, e.getMessage());
      throw e;
    }

    if (answer.code() == 404 || answer.code() == 405) {
      log.debug("agent {}: controller answered {} to polling", agentId, answer.code());
      return new TaskStatus.PollingUnsupported(answer.code());
    }
    return new TaskStatus.Reported(statusOf(agentId, checked(TASK_STATUS, answer)));
  }

  @Override
  public TaskProgress pollTask(Agent agent) {
    String sessionId = Objects.requireNonNull(agent.sessionId(), "session of " + agent.id());
    String taskId = Objects.requireNonNull(agent.taskId(), "task of " + agent.id());
    TaskStatus status = taskStatus(agent.id(), sessionId, taskId);
    if (status instanceof TaskStatus.PollingUnsupported unsupported) {
      return new TaskProgress.Untrackable(
          "the controller answered " + unsupported.httpStatus() + " to task polling");
    }
    return new TaskProgress.Reported(((TaskStatus.Reported) status).status());
  }

  /** Closes idle connections and stops the client's threads; calls after this fail. */
  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private <T> Response<T> call(String step, AgentId agentId, Supplier<Call<T>> call) {
    try {
      return checked(step, execute(step, agentId, call));
    } catch (ControllerException e) {
      log.debug(
          "agent {}: {} failed ({}): {}",
          agentId,
          step,
          e.retryable() ? "retryable" : "permanent",
          e.getMessage());
      throw e;
    }
  }

  /** Runs a call: what comes back is an answer, successful or not, with a readable body. */
  private <T> Response<T> execute(String step, AgentId agentId, Supplier<Call<T>> call) {
    try {
      return call.get().execute();
    } catch (IOException e) {
      throw failures.noAnswer(step, e);
    } catch (MalformedAnswerException e) {
      throw warned(agentId, failures.malformed(step, e));
    } catch (IllegalArgumentException e) {
      // Retrofit and OkHttp refuse a path or header value they cannot send, such as "..".
      throw failures.unusable(step, e);
    }
  }

  private <T> Response<T> checked(String step, Response<T> answer) {
    if (!answer.isSuccessful()) {
      throw failures.refused(step, answer);
    }
    return answer;
  }

  private String idOf(String step, AgentId agentId, Response<IdAnswer> answer) {
    IdAnswer body = answer.body();
    @Nullable String id = body == null ? null : body.id();
    if (id == null || id.isBlank()) {
      throw warned(agentId, failures.missing(step, "id"));
    }
    return id;
  }

  private String statusOf(AgentId agentId, Response<TaskAnswer> answer) {
    TaskAnswer body = answer.body();
    @Nullable String status = body == null ? null : body.status();
    if (status == null || status.isBlank()) {
      throw warned(agentId, failures.missing(TASK_STATUS, "status"));
    }
    return status;
  }

  private static ControllerException warned(AgentId agentId, ControllerException e) {
    log.warn("agent {}: the controller's answer is unusable: {}", agentId, e.getMessage());
    return e;
  }
}
