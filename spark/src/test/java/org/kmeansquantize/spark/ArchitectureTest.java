package org.kmeansquantize.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The Spark job calls the same use cases as the command line ({@code org.kmeansquantize.batch})
 * and never the command line itself.
 */
class ArchitectureTest {

	@Test
	void theJobImportsNoCommandLineClass() {
		noClasses().that().resideInAPackage("org.kmeansquantize.spark..").should().dependOnClassesThat()
			.resideInAnyPackage("org.kmeansquantize.cli..", "org.kmeansquantize.command..", "org.kmeansquantize.ij1..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("org.kmeansquantize.spark"));
	}
}
