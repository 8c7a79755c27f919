package io.webhookagents.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependency direction adapters → ports → domain: the domain knows nothing but the JDK,
 * the ports know only the domain, and no adapter knows another. Only the app sees everything.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.webhookagents");
  }

  @Test
  void domain_dependsOnTheJdkAlone() {
    noClasses()
        .that()
        .resideInAPackage("io.webhookagents.domain..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "io.webhookagents.domain..", "java..", "org.jspecify.annotations..")
        .check(classes);
  }

  @Test
  void domain_doesNoIoAndReadsNoClockOrRandomness() {
    noClasses()
        .that()
        .resideInAPackage("io.webhookagents.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.util.Random")
        .check(classes);
  }

  @Test
  void portsAndServices_dependOnTheDomainAndTheJdkAlone() {
    noClasses()
        .that()
        .resideInAnyPackage("io.webhookagents.ports..", "io.webhookagents.application..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "io.webhookagents.domain..",
            "io.webhookagents.ports..",
            "io.webhookagents.application..",
            "java..",
            "org.jspecify.annotations..")
        .check(classes);
  }

  @Test
  void adapters_doNotKnowEachOtherOrTheApp() {
    SlicesRuleDefinition.slices()
        .matching("io.webhookagents.adapters.(*)..")
        .should()
        .notDependOnEachOther()
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("io.webhookagents.adapters..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.webhookagents.app..")
        .check(classes);
  }

  @Test
  void nothingButTheApp_dependsOnTheApp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.webhookagents.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.webhookagents.app..")
        .check(classes);
  }
}
