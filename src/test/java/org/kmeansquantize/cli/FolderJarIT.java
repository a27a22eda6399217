package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.io.AtomicOutput;
import org.kmeansquantize.labelfile.LabelPng;

/**
 * Folder compress through the real jar in separate JVMs: Ctrl-C, at any moment, leaves only
 * complete outputs and no temporary file.
 */
@Tag("slow") // the command-line jar in separate JVMs
class FolderJarIT {

	private static final Path JAR = Paths.get("target/kmeans-quantize-cli.jar");

	@TempDir
	Path dir;

	@Test
	void interruptingAFolderRunLeavesCompleteOutputsOnly() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		assumeTrue(Files.isExecutable(Paths.get("/bin/kill")) || Files.isExecutable(Paths.get("/usr/bin/kill")),
			"needs kill to send SIGINT");
		final Path in = Files.createDirectory(dir.resolve("in")), out = dir.resolve("out");
		Files.copy(Paths.get("samples/camera.png"), in.resolve("a-camera.png"));
		Files.copy(Paths.get("samples/chelsea.png"), in.resolve("c-chelsea.png"));
		final int w = 3000, h = 2000;
		final int[] argb = new int[w * h];
		final Random rnd = new Random(3);
		for (int i = 0; i < argb.length; i++)
			argb[i] = (i % w) * 255 / w << 16 | (i / w) * 255 / h << 8 | rnd.nextInt(256);
		assertTrue(new ij.io.FileSaver(new ij.ImagePlus("big", new ij.process.ColorProcessor(w, h, argb)))
			.saveAsTiff(in.resolve("b-big.tif").toString()));
		final Path log = Files.createTempFile("folder-interrupted", ".txt");
		try {
			final Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", JAR.toString(), "compress", in.toString(), "-o", out.toString(), "--colors", "256")
					.redirectErrorStream(true).redirectOutput(log.toFile()).start();
			final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			// a-camera and b-big may run side by side: wait until the small one is done
			while (p.isAlive() && !(writing(out, "b-big") && Files.exists(out.resolve("a-camera.png"))) && System
				.nanoTime() < deadline)
				Thread.sleep(10);
			assertTrue(p.isAlive(), "the run ended before it could be interrupted: " + read(log));
			assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor());
			assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after Ctrl-C");
			assertEquals(128 + 2, p.exitValue(), "killed by SIGINT: " + read(log));
			try (Stream<Path> files = Files.list(out)) {
				assertEquals(List.of("a-camera.png"), files.map(f -> f.getFileName().toString()).collect(Collectors
					.toList()), "the file done before Ctrl-C, no temporary file, no summary");
			}
			assertEquals(256, LabelPng.read(Files.readAllBytes(out.resolve("a-camera.png"))).codebook().size());
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	/**
	 * Ctrl-C at 20 moments spread over a whole folder run (from the JVM's start to its last write):
	 * each run ends, with 0 if it finished or 130 for SIGINT, and leaves in its output folder only
	 * outputs byte-identical to an uninterrupted run's (the summary whole) and no temporary file.
	 * A temporary file left behind was seen in about one of 15 tries before the race between the
	 * shutdown hook and a starting write was closed.
	 */
	@Test
	void ctrlCAtSpreadMomentsLeavesNoTemporaryOrPartialFile() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		assumeTrue(Files.isExecutable(Paths.get("/bin/kill")) || Files.isExecutable(Paths.get("/usr/bin/kill")),
			"needs kill to send SIGINT");
		final Path in = Files.createDirectory(dir.resolve("in"));
		Files.copy(Paths.get("samples/camera.png"), in.resolve("camera.png"));
		Files.copy(Paths.get("samples/chelsea.png"), in.resolve("chelsea.png"));
		// small images: several writes, so that some signals arrive while one is under way
		final Random rnd = new Random(5);
		for (int f = 0; f < 4; f++) {
			final int w = 320, h = 240;
			final int[] argb = new int[w * h];
			for (int i = 0; i < argb.length; i++)
				argb[i] = (i % w) * 255 / w << 16 | (i / w) * 255 / h << 8 | rnd.nextInt(64) * f;
			assertTrue(new ij.io.FileSaver(new ij.ImagePlus("small", new ij.process.ColorProcessor(w, h, argb)))
				.saveAsPng(in.resolve("small-" + f + ".png").toString()));
		}
		final Path reference = dir.resolve("reference");
		final long start = System.nanoTime();
		final Process whole = compress(in, reference);
		assertTrue(whole.waitFor(60, TimeUnit.SECONDS));
		final long nanos = System.nanoTime() - start;
		assertEquals(0, whole.exitValue(), read(dir.resolve("log-reference.txt")));
		final List<String> expected = names(reference);
		final int tries = 20;
		int interrupted = 0;
		for (int t = 0; t < tries; t++) {
			final Path out = dir.resolve("out-" + t);
			final Process p = compress(in, out);
			TimeUnit.NANOSECONDS.sleep(nanos * t / (tries - 1));
			new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
			assertTrue(p.waitFor(30, TimeUnit.SECONDS), "try " + t + ": still running after Ctrl-C");
			final String log = read(dir.resolve("log-" + out.getFileName() + ".txt"));
			assertTrue(p.exitValue() == 0 || p.exitValue() == 128 + 2, "try " + t + ": exit " + p.exitValue() + ": " +
				log);
			if (p.exitValue() != 0) interrupted++;
			final List<String> left = Files.isDirectory(out) ? names(out) : List.of();
			for (final String name : left) {
				assertFalse(name.startsWith("."), "try " + t + " after " + (nanos * t / (tries - 1) / 1_000_000) +
					" ms: a hidden file is left: " + name + (AtomicOutput.isTemporaryName(name) ? " (a temporary file)"
						: ""));
				assertTrue(expected.contains(name), "try " + t + ": " + name + " is no output of the whole run");
				if (name.equals(FolderCompress.SUMMARY)) assertEquals(Files.readAllLines(reference.resolve(name))
					.size(), Files.readAllLines(out.resolve(name)).size(), "try " + t + ": summary.csv is cut");
				else assertArrayEquals(Files.readAllBytes(reference.resolve(name)), Files.readAllBytes(out.resolve(name)),
					"try " + t + ": " + name + " differs from the whole run's");
			}
			if (p.exitValue() == 0) assertEquals(expected, left, "try " + t + " finished");
		}
		System.out.println("Ctrl-C: " + tries + " tries over a run of " + nanos / 1_000_000 + " ms, " + interrupted +
			" interrupted, " + (System.nanoTime() - start) / 1_000_000 + " ms in all");
		assertTrue(interrupted >= tries / 2, "only " + interrupted + " of " + tries + " runs were interrupted");
	}

	/** Starts {@code compress in -o out}, its output in {@code log-OUTNAME.txt} beside the folders. */
	private Process compress(final Path in, final Path out) throws IOException {
		return new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR
			.toString(), "compress", in.toString(), "-o", out.toString(), "--colors", "16").redirectErrorStream(true)
			.redirectOutput(dir.resolve("log-" + out.getFileName() + ".txt").toFile()).start();
	}

	/** @return the names in a folder, hidden ones included, sorted */
	private static List<String> names(final Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	private static boolean writing(final Path out, final String name) throws IOException {
		if (!Files.isDirectory(out)) return false;
		try (Stream<Path> files = Files.list(out)) {
			return files.anyMatch(f -> f.getFileName().toString().startsWith("." + name) && f.getFileName().toString()
				.endsWith(".tmp"));
		}
	}

	private static String read(final Path file) throws IOException {
		return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
	}
}
