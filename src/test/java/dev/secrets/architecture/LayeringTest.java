package dev.secrets.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the package layering of ../shared/design.md: dependencies point one way, no cycles, picocli in cli only. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.secrets");
    }

    private static void onlyDependsOn(String pkg, String... allowed) {
        String[] all = new String[allowed.length + 2];
        all[0] = "dev.secrets." + pkg + "..";
        all[1] = "java..";
        for (int i = 0; i < allowed.length; i++) {
            all[i + 2] = allowed[i].startsWith("dev.") || allowed[i].contains(".") ? allowed[i] : "dev.secrets." + allowed[i] + "..";
        }
        noClasses().that().resideInAPackage("dev.secrets." + pkg + "..")
                .should().dependOnClassesThat().resideOutsideOfPackages(all)
                .because(pkg + " may use only " + String.join(", ", allowed))
                .check(classes);
    }

    @Test
    void cli_usesOnlyAppSecretIo() {
        // The one exception-to-exit-code mapper needs the domain exception types; nothing else crosses.
        noClasses().that().resideInAPackage("dev.secrets.cli..").should().dependOnClassesThat(
                JavaClass.Predicates.resideInAnyPackage("dev.secrets.sops..", "dev.secrets.dotenv..",
                        "dev.secrets.age..", "dev.secrets.keys..", "dev.secrets.config..", "dev.secrets.rotate..",
                        "dev.secrets.render..", "dev.secrets.vcs..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.assignableTo(Throwable.class))))
                .because("commands parse, call one use case and print").check(classes);
    }

    @Test
    void picocli_onlyInCli() {
        noClasses().that().resideOutsideOfPackage("dev.secrets.cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..").check(classes);
    }

    @Test
    void app_doesNotUseCli() {
        noClasses().that().resideInAPackage("dev.secrets.app..").should().dependOnClassesThat()
                .resideInAPackage("dev.secrets.cli..").check(classes);
    }

    @Test
    void domainPackages_dependOneWay() {
        onlyDependsOn("secret", "javax..");
        onlyDependsOn("io", "javax..", "sun.misc..");
        onlyDependsOn("dotenv");
        onlyDependsOn("keys", "secret", "javax..");
        onlyDependsOn("sops", "keys", "secret", "dotenv", "javax..", "com.fasterxml.jackson.core..", "org.yaml.snakeyaml..");
        onlyDependsOn("age", "keys", "secret", "io", "javax..", "com.exceptionfactory.jagged..", "org.bouncycastle..");
        onlyDependsOn("config", "io", "com.fasterxml.jackson..");
        onlyDependsOn("render", "secret", "io", "com.fasterxml.jackson..");
        onlyDependsOn("audit", "secret", "io", "javax..");
        onlyDependsOn("vcs", "sops", "secret", "io");
    }

    @Test
    void sopsCore_doesNotKnowTheDotenvStore() {
        noClasses().that().resideInAPackage("dev.secrets.sops").should().dependOnClassesThat()
                .resideInAnyPackage("dev.secrets.sops.store..", "dev.secrets.dotenv..").check(classes);
    }

    @Test
    void sopsCore_parsesNoFileFormat() {
        // Parsers belong to the stores; the tree, cipher and MAC stay format-free.
        noClasses().that().resideInAPackage("dev.secrets.sops").should().dependOnClassesThat()
                .resideInAnyPackage("com.fasterxml..", "org.yaml..").check(classes);
    }

    @Test
    void packages_haveNoCycles() {
        slices().matching("dev.secrets.(*)..").should().beFreeOfCycles().check(classes);
    }
}
