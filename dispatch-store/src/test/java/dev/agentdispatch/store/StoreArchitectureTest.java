package dev.agentdispatch.store;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The store's packages depend on each other in one direction only: shared types (the root package)
 * at the bottom, then the per-area APIs, the {@code facade}, the SQL implementation, the databases,
 * and {@code open} on top. Checked on the compiled classes with ArchUnit.
 */
class StoreArchitectureTest {
  private static final JavaClasses STORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.agentdispatch.store");

  @Test
  void theStorePackagesFormNoCycle() {
    // One slice per package, the root package ("store") included.
    slices().matching("dev.agentdispatch.(**)").should().beFreeOfCycles().check(STORE);
  }

  @Test
  void theApiKnowsNoImplementation() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.agentdispatch.store.sql..",
            "dev.agentdispatch.store.sqlite..",
            "dev.agentdispatch.store.postgres..",
            "dev.agentdispatch.store.open..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.agentdispatch.store.sql..",
            "dev.agentdispatch.store.sqlite..",
            "dev.agentdispatch.store.postgres..")
        .check(STORE);
  }
}
