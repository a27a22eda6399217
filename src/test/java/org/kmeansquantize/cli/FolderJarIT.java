package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import org.kmeansquantize.labelfile.LabelPng;

/** Folder compress through the real jar in a separate JVM: Ctrl-C leaves only complete outputs. */
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
			while (p.isAlive() && !writing(out, "b-big") && System.nanoTime() < deadline)
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
