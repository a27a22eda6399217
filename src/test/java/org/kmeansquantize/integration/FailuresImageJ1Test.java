package org.kmeansquantize.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kmeansquantize.testing.ImageJRunner.literal;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.io.FileSaver;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.testing.ImageJRunner;
import org.kmeansquantize.testing.Pixels;
import org.kmeansquantize.testing.TiffBytes;

/**
 * Every failure of the ImageJ 1 plugins is one line naming the image or the file, in the real
 * ImageJ 1 (a separate JVM under xvfb-run, {@code -Xmx}{@value #HEAP_MB}{@code m}): corrupt codebook
 * files and label TIFFs, a bad option, a folder that does not exist, and running out of memory on
 * an image too large for the heap. Each run is a nested macro whose abort message is collected; the
 * whole output of ImageJ (its Log window included, printed in batch mode) must hold no stack trace,
 * no exception name and not ImageJ's own multi-line "Out of memory" note, and ImageJ must still
 * work after running out of memory.
 */
@Tag("slow") // the real ImageJ 1 in a separate JVM
class FailuresImageJ1Test {

	/** ImageJ's heap: a 6000 x 6000 RGB image (144 MB) fits, its quantization with outputs does not. */
	static final int HEAP_MB = 256;

	@TempDir
	static Path root;
	static Path out;
	/** Everything ImageJ printed, its Log window included. */
	static String log;
	/** Per run: what must be named, and the abort message. */
	static final Map<String, String> RUNS = new LinkedHashMap<>();
	static List<String> errors;

	@BeforeAll
	static void runImageJ() throws Exception {
		ImageJRunner.assumeAvailable();
		ImageJRunner.installPlugin(root);
		out = Files.createDirectories(root.resolve("out dir"));
		final Path books = Files.createDirectories(root.resolve("codebooks"));
		final ImagePlusQuantizer.Result result = ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(4)
			.build(), IJ.openImage(Pixels.sample("camera.png").toString()), false, false, Progress.NONE);
		final String text = CodebookFormat.format(ImagePlusQuantizer.codebookOf(result.labels()));
		final Path labels = books.resolve("camera-labels.tif");
		assertTrue(new FileSaver(result.labels()).saveAsTiff(labels.toString()));
		final byte[] tiff = Files.readAllBytes(labels);
		final Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("garbage.txt", text.replaceAll("[0-9]", "x").getBytes(StandardCharsets.US_ASCII));
		files.put("cut.txt", text.substring(0, text.length() / 2).getBytes(StandardCharsets.US_ASCII));
		files.put("huge.txt", text.replaceFirst("entries \\d+", "entries 100000000").getBytes(
			StandardCharsets.US_ASCII));
		files.put("negative.txt", text.replaceFirst("entries \\d+", "entries -1").getBytes(StandardCharsets.US_ASCII));
		files.put("nan.txt", text.replaceFirst("\n(\\d+) [0-9.]+", "\n$1 NaN").getBytes(StandardCharsets.US_ASCII));
		files.put("cut-labels.tif", Arrays.copyOf(tiff, tiff.length * 3 / 5));
		final byte[] cycle = TiffBytes.pages(new TiffBytes.Page(4, 4, 8, 1));
		TiffBytes.setNext(cycle, 8, 8);
		files.put("cycle.tif", cycle);
		final List<String> runs = new ArrayList<>();
		final String camera = "open(" + literal(Pixels.sample("camera.png").toString()) + "); ";
		for (final Map.Entry<String, byte[]> f : files.entrySet()) {
			final Path p = Files.write(books.resolve(f.getKey()), f.getValue());
			add(runs, f.getKey(), camera + "run('Apply codebook', 'codebook=[" + p + "]');");
			add(runs, f.getKey(), camera + "run('Reconstruct', 'codebook=[" + p + "]');");
		}
		add(runs, "camera.png", camera + "run('Apply codebook', 'codebook=[" + labels + "] force=maybe');");
		add(runs, "camera.png", camera + "run('K-means quality curve', 'csv=[" + root.resolve("no such folder")
			.resolve("curve.csv") + "]');");
		add(runs, "camera.png", camera + "run('K-means', 'batch=2147483647');");
		add(runs, "big", "newImage('big', 'RGB ramp', 6000, 6000, 1); run('K-means', " +
			"'colors=16 reconstruct masks measure');");
		final StringBuilder macro = new StringBuilder("setBatchMode(true);\nerrors = \"\";\n");
		for (final String run : runs)
			macro.append("errors = errors + call(\"ij.Macro.eval\", " + literal(run) +
				") + \"\\n\";\nrun(\"Close All\");\n");
		macro.append("File.saveString(errors, " + literal(out.resolve("errors.txt").toString()) + ");\n");
		// after running out of memory ImageJ still works
		macro.append(camera + "run(\"K-means\", \"colors=4 seed=1\");\n");
		macro.append("saveAs(\"Tiff\", " + literal(out + File.separator + "after-labels.tif") + ");\n");
		macro.append("File.saveString(\"done\", " + literal(out.resolve("done.txt").toString()) + ");\n");
		final Path file = root.resolve("failures.ijm");
		Files.write(file, macro.toString().getBytes(StandardCharsets.UTF_8));
		log = ImageJRunner.runBatch(root, file, null, 240, List.of("-Xmx" + HEAP_MB + "m"));
		assertTrue(Files.exists(out.resolve("done.txt")), "the macro did not finish:\n" + log);
		errors = Files.readAllLines(out.resolve("errors.txt"));
	}

	private static void add(final List<String> runs, final String named, final String run) {
		runs.add(run);
		RUNS.put(run, named);
	}

	@Test
	void everyFailureIsOneLineNamingTheImageOrFile() {
		assertEquals(RUNS.size(), errors.size(), "one line per run:\n" + String.join("\n", errors) + "\n" + log);
		int i = 0;
		for (final Map.Entry<String, String> run : RUNS.entrySet()) {
			final String line = errors.get(i++);
			assertTrue(line.contains(run.getValue()), run.getKey() + " gave '" + line + "', not naming " + run
				.getValue());
			assertFalse(line.matches(".*(Exception|Error\\b|java\\.|\\bat org\\.|\\bnull\\b).*"), line);
		}
	}

	@Test
	void outOfMemorySaysWhatToDo() {
		assertEquals("big: not enough memory for this image (ImageJ may use " + HEAP_MB +
			" MiB); give ImageJ more (Edit > Options > Memory & Threads) or work on a smaller image", errors.get(
				errors.size() - 1), log);
	}

	@Test
	void noStackTraceNorImageJsOutOfMemoryNote() {
		for (final String internal : new String[] { "Exception", "\tat ", "<Out of memory>", "java.lang." })
			assertFalse(log.contains(internal), internal + " in\n" + log);
	}

	@Test
	void imageJStillWorksAfterRunningOutOfMemory() {
		assertTrue(Files.exists(out.resolve("after-labels.tif")), log);
	}
}
