package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real shaded jar in a separate JVM, as users run it: {@code java -jar
 * target/kmeans-quantize-cli.jar}. Runs after {@code package} (failsafe); skipped when the jar has
 * not been built.
 */
class CliJarIT {

	private static final Path JAR = Paths.get("target/kmeans-quantize-cli.jar");

	@TempDir
	Path dir;

	@Test
	void compressDecompressAndAnErrorThroughTheJar() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		final Path labels = dir.resolve("labels.png"), recon = dir.resolve("recon.png"), log = dir.resolve(
			"classes.log");
		final Result c = java("-Xlog:class+load=info:file=" + log, "-jar", JAR.toString(), "compress",
			"samples/chelsea.png", "-o", labels.toString(), "--colors", "8", "--json");
		assertEquals(0, c.exit, c.err);
		assertEquals("", c.err);
		final Map<String, String> report = CliRun.json(c.out);
		assertEquals(String.valueOf(Files.size(labels)), report.get("output_bytes"));
		final String loaded = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
		assertTrue(loaded.contains("org.kmeansquantize.io.RasterFiles"), "the log lists our classes");
		assertFalse(loaded.matches("(?s).*\\] ij\\.[A-Za-z.]+ source.*"), "a PNG is read without loading ImageJ");

		final Result d = java("-jar", JAR.toString(), "decompress", labels.toString(), "-o", recon.toString());
		assertEquals(0, d.exit, d.err);
		assertTrue(Files.size(recon) > 0);

		final Result e = java("-jar", JAR.toString(), "compress", "samples/chelsea.png", "-o", dir.resolve("out.png")
			.toString(), "--colors", "0");
		assertEquals(2, e.exit);
		assertEquals(1, e.err.trim().split("\r?\n").length, e.err);
		assertFalse(Files.exists(dir.resolve("out.png")));
	}

	private static Result java(final String... args) throws IOException, InterruptedException {
		final List<String> cmd = new ArrayList<>();
		cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		cmd.addAll(Arrays.asList(args));
		final Path out = Files.createTempFile("cli-out", ".txt"), err = Files.createTempFile("cli-err", ".txt");
		try {
			final Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new AssertionError("timed out: " + cmd);
			}
			final String stdout = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
			return new Result(p.exitValue(), stdout, new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	private static final class Result {

		final int exit;
		final String out;
		final String err;

		Result(final int exit, final String out, final String err) {
			this.exit = exit;
			this.out = out;
			this.err = err;
		}
	}
}
