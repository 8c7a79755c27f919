package io.webhookagents.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookagents.ports.out.LifecycleListener;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener that passes each step on to several. */
class ListenersTest {
  @Test
  void passesOnEveryStepTheListenerInterfaceHas() {
    // Every step has a default that does nothing, so one Listeners forgot would vanish silently.
    List<String> steps =
        Arrays.stream(LifecycleListener.class.getDeclaredMethods())
            .filter(method -> !Modifier.isStatic(method.getModifiers()))
            .map(ListenersTest::signature)
            .toList();

    List<String> passedOn =
        Arrays.stream(Listeners.class.getDeclaredMethods())
            .filter(method -> Modifier.isPublic(method.getModifiers()))
            .map(ListenersTest::signature)
            .toList();

    assertThat(passedOn).containsAll(steps);
  }

  private static String signature(Method method) {
    return method.getName() + Arrays.toString(method.getParameterTypes());
  }
}
