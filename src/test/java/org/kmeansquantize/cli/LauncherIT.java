package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/kmeans-quantize} in a separate process, as users run it: the same output file, byte for
 * byte, and the same report as {@code java -jar target/kmeans-quantize-cli.jar}; the first run makes
 * a class-data archive in the cache folder and the second loads our classes from it. Runs after
 * {@code package} (failsafe); skipped when the jar has not been built or there is no {@code sh}.
 */
@Tag("slow") // runs the launcher and the command-line jar in separate JVMs
class LauncherIT {

	private static final Path JAR = Paths.get("target/kmeans-quantize-cli.jar");
	private static final Path LAUNCHER = Paths.get("bin/kmeans-quantize");

	@TempDir
	Path dir;

	@Test
	void sameOutputAsTheJarAndTheSecondRunUsesTheArchive() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "needs a POSIX shell");
		final Path cache = dir.resolve("cache");
		final Path viaJar = dir.resolve("jar.png"), first = dir.resolve("first.png"), second = dir.resolve(
			"second.png");
		final Path log = dir.resolve("classes.log");

		final Result j = run(cache, null, javaBinary(), "-jar", JAR.toString(), "compress", "samples/chelsea.png",
			"-o", viaJar.toString(), "--colors", "16", "--json");
		assertEquals(0, j.exit, j.err);

		final Result a = run(cache, null, "/bin/sh", LAUNCHER.toString(), "compress", "samples/chelsea.png", "-o",
			first.toString(), "--colors", "16", "--json");
		assertEquals(0, a.exit, a.err);
		assertEquals("", a.err, "making the archive prints nothing");
		assertArrayEquals(Files.readAllBytes(viaJar), Files.readAllBytes(first));
		assertEquals(withoutSeconds(CliRun.json(j.out)), withoutSeconds(CliRun.json(a.out)));
		final List<Path> archives = list(cache);
		assumeTrue(!archives.isEmpty(), "the launcher's Java (13 or newer needed) makes no archive here");
		assertEquals(1, archives.size(), archives.toString());
		assertFalse(archives.get(0).getFileName().toString().contains("tmp"), archives.toString());

		final Result b = run(cache, "-Xlog:class+load=info:file=" + log, "/bin/sh", LAUNCHER.toString(), "compress",
			"samples/chelsea.png", "-o", second.toString(), "--colors", "16", "--json");
		assertEquals(0, b.exit, b.err);
		assertEquals("", b.err);
		assertArrayEquals(Files.readAllBytes(viaJar), Files.readAllBytes(second));
		assertEquals(archives, list(cache), "the second run makes no new archive");
		final String loaded = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
		assertTrue(loaded.matches("(?s).*org\\.kmeansquantize\\.cli\\.Main source: shared objects file.*"),
			"the second run loads our classes from the archive");
	}

	/**
	 * A run with an archive leaves its choice beside the jar; the next run in the same environment
	 * takes it without finding the Java again (no readlink, no checksum), and gives the same file.
	 */
	@Test
	void aLaterRunTakesTheFastPath() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "needs a POSIX shell");
		final Path cache = dir.resolve("cache");
		final Path fast = Paths.get("target/.kmeans-quantize-launch");
		final Path[] outs = { dir.resolve("a.png"), dir.resolve("b.png"), dir.resolve("c.png") };
		Result r = null;
		for (final Path out : outs) {
			r = run(cache, null, "/bin/sh", "-x", LAUNCHER.toString(), "compress", "samples/chelsea.png", "-o", out
				.toString(), "--colors", "8");
			assertEquals(0, r.exit, r.err);
		}
		assumeTrue(!list(cache).isEmpty(), "the launcher's Java (13 or newer needed) makes no archive here");
		assertTrue(Files.isRegularFile(fast), "the run with an archive wrote " + fast);
		assertTrue(new String(Files.readAllBytes(fast), StandardCharsets.UTF_8).contains(cache.toString()));
		assertTrue(r.err.contains(". bin/../target/.kmeans-quantize-launch"), r.err);
		assertFalse(r.err.contains("cksum") || r.err.contains("readlink"), "the fast path found the Java again: " +
			r.err);
		assertArrayEquals(Files.readAllBytes(outs[0]), Files.readAllBytes(outs[2]));
	}

	/** The launcher starts the jar's main class by name (not through -jar): the one its manifest names. */
	@Test
	void startsTheJarsMainClass() throws IOException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		final String main;
		try (JarFile jar = new JarFile(JAR.toFile())) {
			main = jar.getManifest().getMainAttributes().getValue("Main-Class");
		}
		final String script = new String(Files.readAllBytes(LAUNCHER), StandardCharsets.UTF_8);
		assertTrue(script.contains("\nmain=" + main + "\n"), "the launcher starts " + main);
	}

	@Test
	void anUnwritableCacheRunsWithoutAnArchive() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "needs a POSIX shell");
		final Path blocker = Files.write(dir.resolve("not-a-folder"), new byte[] { 1 });
		final Path out = dir.resolve("out.png");
		final Result r = run(blocker.resolve("cache"), null, "/bin/sh", LAUNCHER.toString(), "compress",
			"samples/chelsea.png", "-o", out.toString(), "--colors", "4");
		assertEquals(0, r.exit, r.err);
		assertEquals("", r.err);
		assertTrue(Files.size(out) > 0);

		final Result bad = run(dir.resolve("cache"), null, "/bin/sh", LAUNCHER.toString(), "compress",
			"samples/chelsea.png", "-o", dir.resolve("bad.png").toString(), "--colors", "0");
		assertEquals(2, bad.exit);
		assertEquals(1, bad.err.trim().split("\r?\n").length, bad.err);
		assertEquals(Arrays.asList(), list(dir.resolve("cache")), "a failed run leaves no archive");
	}

	/**
	 * A rebuilt jar gets a new archive and its old one is deleted; archives of other jars stay.
	 */
	@Test
	void aRebuiltJarsArchiveReplacesItsOldOne() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "needs a POSIX shell");
		final Path cache = Files.createDirectories(dir.resolve("cache"));
		final Path other = Files.write(cache.resolve("kmeans-quantize-25-1-2-3-4.aot"), new byte[] { 1 });
		final Path jar = Files.copy(JAR, dir.resolve("copy.jar"));
		final Result a = run(cache, null, jar, "/bin/sh", LAUNCHER.toString(), "compress", "samples/chelsea.png",
			"-o", dir.resolve("a.png").toString(), "--colors", "4");
		assertEquals(0, a.exit, a.err);
		final List<Path> first = list(cache);
		first.remove(other);
		assumeTrue(!first.isEmpty(), "the launcher's Java (13 or newer needed) makes no archive here");
		assertEquals(1, first.size(), first.toString());

		Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
		final Result b = run(cache, null, jar, "/bin/sh", LAUNCHER.toString(), "compress", "samples/chelsea.png",
			"-o", dir.resolve("b.png").toString(), "--colors", "4");
		assertEquals(0, b.exit, b.err);
		final List<Path> second = list(cache);
		assertTrue(second.remove(other), "another jar's archive stays");
		assertEquals(1, second.size(), second.toString());
		assertNotEquals(first.get(0), second.get(0), "the rebuilt jar has a new archive, the old one is gone");
	}

	private static Map<String, String> withoutSeconds(final Map<String, String> report) {
		report.keySet().removeIf(k -> k.endsWith("seconds"));
		return report;
	}

	private static List<Path> list(final Path folder) throws IOException {
		if (!Files.isDirectory(folder)) return new ArrayList<>();
		try (Stream<Path> s = Files.list(folder)) {
			return s.sorted().collect(Collectors.toList());
		}
	}

	private static String javaBinary() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	private Result run(final Path cache, final String javaOpts, final String... cmd) throws IOException,
		InterruptedException
	{
		return run(cache, javaOpts, null, cmd);
	}

	/** @param jar the jar to start ({@code KMEANS_QUANTIZE_JAR}), or null for the default one */
	private Result run(final Path cache, final String javaOpts, final Path jar, final String... cmd)
		throws IOException, InterruptedException
	{
		final ProcessBuilder pb = new ProcessBuilder(cmd);
		pb.environment().put("KMEANS_QUANTIZE_CACHE", cache.toString());
		if (jar != null) pb.environment().put("KMEANS_QUANTIZE_JAR", jar.toString());
		else pb.environment().remove("KMEANS_QUANTIZE_JAR");
		if (javaOpts != null) pb.environment().put("KMEANS_QUANTIZE_JAVA_OPTS", javaOpts);
		else pb.environment().remove("KMEANS_QUANTIZE_JAVA_OPTS");
		final File out = dir.resolve("stdout.txt").toFile(), err = dir.resolve("stderr.txt").toFile();
		pb.redirectOutput(out).redirectError(err);
		final Process p = pb.start();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the process finished");
		return new Result(p.exitValue(), new String(Files.readAllBytes(out.toPath()), StandardCharsets.UTF_8),
			new String(Files.readAllBytes(err.toPath()), StandardCharsets.UTF_8));
	}

	/** Exit status and output of one process. */
	private static final class Result {

		final int exit;
		final String out, err;

		Result(final int exit, final String out, final String err) {
			this.exit = exit;
			this.out = out;
			this.err = err;
		}
	}
}
