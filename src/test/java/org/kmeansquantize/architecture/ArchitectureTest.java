package org.kmeansquantize.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds every package of the plugin to the import rule its {@code package-info.java} states (the
 * line {@code May import: ...} of ArchUnit package patterns), on the compiled classes, so that
 * fully qualified references count too; and keeps main classes short enough to read (at most
 * {@value #MAX_LINES} lines, the Spark job's included).
 */
class ArchitectureTest {

	private static final Path SOURCES = Paths.get("src/main/java/org/kmeansquantize");

	private static final Pattern RULE = Pattern.compile("May import:(.*?)\\(ArchUnit", Pattern.DOTALL);

	private static final Pattern CODE = Pattern.compile("\\{@code ([\\w.]+)\\}");

	/** The longest a main class may be, in lines. */
	private static final int MAX_LINES = 500;

	private static JavaClasses main;

	@BeforeAll
	static void importClasses() {
		main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(
			"org.kmeansquantize");
	}

	private static List<Path> packages() throws IOException {
		try (Stream<Path> s = Files.list(SOURCES)) {
			return s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void everyPackageStatesItsRule() throws IOException {
		final List<Path> packages = packages();
		assertTrue(packages.size() >= 9, "packages found: " + packages);
		for (final Path p : packages) {
			final Path info = p.resolve("package-info.java");
			assertTrue(Files.exists(info), "no package-info.java in " + p);
			assertTrue(RULE.matcher(Files.readString(info, StandardCharsets.UTF_8)).find(), info +
				" does not say what the package may import");
		}
	}

	@TestFactory
	List<DynamicTest> everyPackageImportsOnlyWhatItStates() throws IOException {
		final List<DynamicTest> tests = new ArrayList<>();
		for (final Path p : packages()) {
			final String name = "org.kmeansquantize." + p.getFileName();
			final Matcher rule = RULE.matcher(Files.readString(p.resolve("package-info.java"), StandardCharsets.UTF_8));
			if (!rule.find()) continue;
			final List<String> allowed = new ArrayList<>();
			final Matcher code = CODE.matcher(rule.group(1));
			while (code.find())
				allowed.add(code.group(1));
			assertFalse(allowed.isEmpty(), name + ": an empty rule");
			allowed.add(name + "..");
			// primitive types and arrays of them live in no package
			allowed.add("");
			tests.add(DynamicTest.dynamicTest(name, () -> classes().that().resideInAPackage(name + "..").should()
				.onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(new String[0])).check(main)));
		}
		return tests;
	}

	@Test
	void noMainClassIsOverFiveHundredLines() throws IOException {
		final List<String> long_ = new ArrayList<>();
		for (final Path root : new Path[] { SOURCES, Paths.get("spark/src/main/java") }) {
			if (!Files.isDirectory(root)) continue;
			try (Stream<Path> s = Files.walk(root)) {
				for (final Path f : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) {
					final long lines = Files.readAllLines(f, StandardCharsets.UTF_8).size();
					if (lines > MAX_LINES) long_.add(f + " (" + lines + ")");
				}
			}
		}
		assertTrue(long_.isEmpty(), "over " + MAX_LINES + " lines: " + long_);
	}
}
