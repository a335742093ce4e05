package dev.agentdispatch.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server's layering, checked on its compiled classes: doors call the application layer, the
 * application layer calls the store, and no package depends on itself through others. A change that
 * breaks one of these fails here, naming the offending dependency.
 */
class ServerArchitectureTest {
  private static final JavaClasses SERVER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.agentdispatch.server");

  /**
   * What only the application layer may touch: the store's interfaces and implementations, and the
   * state machine.
   */
  private static final DescribedPredicate<JavaClass> PERSISTENCE =
      new DescribedPredicate<>(
          "the store's interfaces or implementations, or the invocation state machine") {
        @Override
        public boolean test(JavaClass c) {
          String name = c.getName();
          return name.startsWith("dev.agentdispatch.store.sql.")
              || name.startsWith("dev.agentdispatch.store.sqlite.")
              || name.startsWith("dev.agentdispatch.store.postgres.")
              || name.startsWith("dev.agentdispatch.store.facade.")
              || name.startsWith("dev.agentdispatch.store.open.")
              || (name.startsWith("dev.agentdispatch.store.")
                  && (c.getSimpleName().endsWith("Store")
                      || c.getSimpleName().equals("Stores")
                      || c.getSimpleName().equals("StoreListener")))
              || name.equals("dev.agentdispatch.core.invocation.InvocationStateMachine");
        }
      };

  @Test
  void topLevelPackagesHaveNoCycles() {
    slices().matching("dev.agentdispatch.server.(*)..").should().beFreeOfCycles().check(SERVER);
  }

  @Test
  void applicationFeaturesHaveNoCycles() {
    slices().matching("dev.agentdispatch.server.app.(*)..").should().beFreeOfCycles().check(SERVER);
  }

  @Test
  void doorPackagesHaveNoCycles() {
    slices()
        .matching("dev.agentdispatch.server.doors.(**)")
        .should()
        .beFreeOfCycles()
        .check(SERVER);
  }

  @Test
  void theApplicationLayerKnowsNoDoorNoDelivererAndNoWireFramework() {
    noClasses()
        .that()
        .resideInAPackage("dev.agentdispatch.server.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.agentdispatch.server.doors..",
            "dev.agentdispatch.server.delivery..",
            "io.javalin..",
            "io.grpc..",
            "com.agentservice..")
        .check(SERVER);
  }

  @Test
  void pushDeliveryCallsServicesNeverTheStore() {
    noClasses()
        .that()
        .resideInAPackage("dev.agentdispatch.server.delivery..")
        .should()
        .dependOnClassesThat(PERSISTENCE)
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.agentdispatch.server.doors..", "io.javalin..")
        .check(SERVER);
  }

  @Test
  void doorsCallServicesNeverTheStore() {
    noClasses()
        .that()
        .resideInAPackage("dev.agentdispatch.server.doors..")
        .should()
        .dependOnClassesThat(PERSISTENCE)
        .check(SERVER);
  }

  @Test
  void onlyTheServerWiringKnowsTheDoorsAndTheApplicationTogether() {
    noClasses()
        .that()
        .resideInAPackage("dev.agentdispatch.server.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.agentdispatch.server")
        .check(SERVER);
  }
}
