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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.core.SampleRange;

/**
 * The real shaded jar in a separate JVM, as users run it: {@code java -jar
 * target/kmeans-quantize-cli.jar}. Runs after {@code package} (failsafe); skipped when the jar has
 * not been built.
 */
@Tag("slow") // the command-line jar in separate JVMs
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

	/**
	 * A 16-bit 3-channel hyperstack of 100 MB, more than the JVM's whole heap (96 MB): read,
	 * quantized and written plane by plane, then reconstructed plane by plane.
	 */
	@Test
	void stackLargerThanTheHeapIsProcessedPlaneByPlane() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		final int w = 2048, h = 1024, nc = 3, nz = 8;
		final ij.ImageStack stack = new ij.ImageStack(w, h);
		for (int z = 0; z < nz; z++)
			for (int c = 0; c < nc; c++) {
				final short[] p = new short[w * h];
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++)
						p[y * w + x] = (short) (400 * c + 20 * ((x / 64 + y / 48 + z) % 40));
				stack.addSlice(new ij.process.ShortProcessor(w, h, p, null));
			}
		final ij.ImagePlus imp = new ij.ImagePlus("big", stack);
		imp.setDimensions(nc, nz, 1);
		imp.setOpenAsHyperStack(true);
		final Path in = dir.resolve("big.tif"), labels = dir.resolve("big-labels.tif"), recon = dir.resolve(
			"big-recon.tif");
		assertTrue(new ij.io.FileSaver(imp).saveAsTiffStack(in.toString()));
		assertTrue(Files.size(in) > 96L << 20, "the file is larger than the heap");

		final Result c = java("-Xmx96m", "-jar", JAR.toString(), "compress", in.toString(), "-o", labels.toString(),
			"--colors", "12", "--json");
		assertEquals(0, c.exit, c.err);
		final Map<String, String> report = CliRun.json(c.out);
		final Result d = java("-Xmx96m", "-jar", JAR.toString(), "decompress", labels.toString(), "-o", recon
			.toString());
		assertEquals(0, d.exit, d.err);

		final ij.ImagePlus back = ij.IJ.openImage(recon.toString());
		assertEquals(nc, back.getNChannels());
		assertEquals(nz, back.getNSlices());
		assertEquals(16, back.getBitDepth());
		double sse = 0;
		for (int i = 1; i <= nc * nz; i++) {
			final short[] a = (short[]) stack.getPixels(i), b = (short[]) back.getStack().getPixels(i);
			for (int j = 0; j < a.length; j++) {
				final double e = (a[j] & 0xffff) - (b[j] & 0xffff);
				sse += e * e;
			}
		}
		final double mse = sse / ((double) w * h * nc * nz);
		assertEquals(Double.parseDouble(report.get("mse")), mse, 1e-9 * Math.max(1, mse),
			"the reconstruction's error is the one compress measured");
		assertEquals(1, ij.IJ.openImage(labels.toString()).getNChannels());
	}

	/**
	 * A disk that fills up while the jar writes, without root: a file size limit ({@code ulimit -f},
	 * which the JVM turns into an IOException), for a label PNG, a label TIFF and a reconstruction.
	 */
	@Test
	void aFileSizeLimitFailsLikeAFullDiskWithoutOutput() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "needs /bin/sh for ulimit");
		final Path labels = dir.resolve("labels.png");
		assertEquals(0, java("-jar", JAR.toString(), "compress", "samples/chelsea.png", "-o", labels.toString(),
			"--colors", "64").exit);
		final String[][] runs = { { "compress", "samples/chelsea.png", "out.png", "--colors", "256" }, { "compress",
			"samples/chelsea.png", "out.tif" }, { "decompress", labels.toString(), "recon.tif" } };
		for (final String[] run : runs) {
			final Path target = dir.resolve(run[2]);
			final List<String> cmd = new ArrayList<>(List.of("-jar", JAR.toString(), run[0], run[1], "-o", target
				.toString()));
			cmd.addAll(Arrays.asList(run).subList(3, run.length));
			// 16 blocks of 1 KiB: less than any of these outputs
			final Result r = limited(16, cmd);
			assertEquals(1, r.exit, r.err);
			assertEquals("kmeans-quantize " + run[0] + ": cannot write " + target + " (File too large)", r.err.trim());
			assertEquals("", r.out);
			try (Stream<Path> files = Files.list(dir)) {
				assertEquals(List.of(labels), files.collect(Collectors.toList()), "nothing left");
			}
		}
	}

	/**
	 * A label TIFF too large to reconstruct in memory, whose labels its codebook does not have: the
	 * planes are reconstructed while they are written, and the bad label is reported as such.
	 */
	@Test
	void labelsTheCodebookLacksAreFoundPlaneByPlane() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		final int w = 1000, h = 1000, nz = 5;
		final ij.ImageStack stack = new ij.ImageStack(w, h);
		for (int z = 0; z < nz; z++) {
			final byte[] p = new byte[w * h];
			for (int i = 0; i < p.length; i++)
				p[i] = (byte) (i % 3);
			if (z == 3) p[12345] = (byte) 200;
			stack.addSlice(new ij.process.ByteProcessor(w, h, p));
		}
		final ij.ImagePlus labels = new ij.ImagePlus("labels", stack);
		final Codebook three = new Codebook(new double[][] { { -1.5 }, { 0 }, { 2.25 } }, new long[3],
			SampleRange.FLOAT32, false);
		labels.setProperty("Info", new ImageLayout(ImageLayout.Type.GRAY32, w, h, 1, nz, 1, "none", "tiff").format() +
			CodebookFormat.format(three));
		final Path in = dir.resolve("labels.tif"), out = dir.resolve("recon.tif");
		assertTrue(new ij.io.FileSaver(labels).saveAsTiffStack(in.toString()));
		// 20 MB of float planes, more than a third of a 48 MB heap: reconstructed plane by plane
		final Result r = java("-Xmx48m", "-jar", JAR.toString(), "decompress", in.toString(), "-o", out.toString());
		assertEquals(1, r.exit, r.err);
		assertEquals("kmeans-quantize decompress: " + in + ": corrupt label file (label 200 has no entry in the " +
			"codebook (it has 3))", r.err.trim());
		try (Stream<Path> files = Files.list(dir)) {
			assertEquals(List.of(in), files.collect(Collectors.toList()), "no output, no temporary file");
		}
	}

	/**
	 * Ctrl-C in the middle of a run: the JVM's shutdown deletes the temporary output, so that
	 * neither a partial OUT nor a hidden temporary file is left.
	 */
	@Test
	void interruptingARunLeavesNoOutput() throws IOException, InterruptedException {
		assumeTrue(Files.isRegularFile(JAR), "build the CLI jar first (mvn package)");
		assumeTrue(Files.isExecutable(Paths.get("/bin/kill")) || Files.isExecutable(Paths.get("/usr/bin/kill")),
			"needs kill to send SIGINT");
		final int w = 3000, h = 2000;
		final int[] argb = new int[w * h];
		final Random rnd = new Random(3);
		for (int i = 0; i < argb.length; i++)
			argb[i] = (i % w) * 255 / w << 16 | (i / w) * 255 / h << 8 | rnd.nextInt(256);
		final Path in = dir.resolve("big.tif"), out = dir.resolve("out.png");
		assertTrue(new ij.io.FileSaver(new ij.ImagePlus("big", new ij.process.ColorProcessor(w, h, argb)))
			.saveAsTiff(in.toString()));
		final Path log = Files.createTempFile("cli-interrupted", ".txt");
		try {
			final Process p = new ProcessBuilder(javaBinary(), "-jar", JAR.toString(), "compress", in.toString(), "-o",
				out.toString(), "--colors", "256").redirectErrorStream(true).redirectOutput(log.toFile()).start();
			final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (p.isAlive() && temporaryFiles().isEmpty() && System.nanoTime() < deadline)
				Thread.sleep(10);
			assertTrue(p.isAlive(), "the run ended before it could be interrupted: " + read(log));
			assertEquals(1, temporaryFiles().size(), "the run writes its temporary file");
			assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor());
			assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after Ctrl-C");
			assertEquals(128 + 2, p.exitValue(), "killed by SIGINT: " + read(log));
			try (Stream<Path> files = Files.list(dir)) {
				assertEquals(List.of(in), files.collect(Collectors.toList()), "no output, no temporary file");
			}
		}
		finally {
			Files.deleteIfExists(log);
		}
	}

	private List<Path> temporaryFiles() throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).collect(Collectors.toList());
		}
	}

	private static String read(final Path file) throws IOException {
		return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
	}

	/** Runs the JVM under {@code ulimit -f blocks}. */
	private static Result limited(final int blocks, final List<String> args) throws IOException,
		InterruptedException
	{
		final List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f " + blocks +
			" && exec \"$0\" \"$@\"", javaBinary()));
		cmd.addAll(args);
		return run(cmd);
	}

	private static String javaBinary() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static Result java(final String... args) throws IOException, InterruptedException {
		final List<String> cmd = new ArrayList<>();
		cmd.add(javaBinary());
		cmd.addAll(Arrays.asList(args));
		return run(cmd);
	}

	private static Result run(final List<String> cmd) throws IOException, InterruptedException {
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
