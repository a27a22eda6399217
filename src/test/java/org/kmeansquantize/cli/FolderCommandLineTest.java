package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImagePlus;

import net.imglib2.parallel.Parallelization;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.labelfile.LabelPng;

/**
 * {@code compress} with a folder or glob as input: every good file written, failures reported and
 * skipped, the summary, the exit status, the JSON object, and the shared codebook.
 */
@Tag("slow")
class FolderCommandLineTest {

	@TempDir
	Path dir;

	private Path in;

	@BeforeEach
	void folder() throws IOException {
		in = Files.createDirectory(dir.resolve("in"));
	}

	/** Frames of one scene: chelsea.png with fresh noise in each, as a time series would be. */
	private List<Path> series(final Path folder, final int frames, final int noise) throws IOException {
		final BufferedImage src = ImageIO.read(Paths.get("samples/chelsea.png").toFile());
		final List<Path> out = new ArrayList<>();
		for (int t = 0; t < frames; t++) {
			final Random r = new Random(t);
			final BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
			for (int y = 0; y < src.getHeight(); y++)
				for (int x = 0; x < src.getWidth(); x++) {
					final int v = src.getRGB(x, y);
					int p = 0;
					for (int s = 16; s >= 0; s -= 8)
						p |= Math.max(0, Math.min(255, ((v >> s) & 0xff) + (int) Math.round(r.nextGaussian() * noise))) << s;
					img.setRGB(x, y, p);
				}
			final Path f = folder.resolve(String.format("frame-%02d.png", t));
			ImageIO.write(img, "png", f.toFile());
			out.add(f);
		}
		return out;
	}

	private static Map<Path, byte[]> contents(final Path folder) throws IOException {
		final Map<Path, byte[]> m = new HashMap<>();
		try (Stream<Path> s = Files.list(folder)) {
			for (final Path p : s.collect(Collectors.toList()))
				m.put(p.getFileName(), Files.readAllBytes(p));
		}
		return m;
	}

	private static List<String> names(final Path folder) throws IOException {
		try (Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	private static List<String[]> csv(final Path summary) throws IOException {
		final List<String[]> rows = new ArrayList<>();
		for (final String line : Files.readAllLines(summary, StandardCharsets.UTF_8)) {
			final List<String> f = new ArrayList<>();
			final StringBuilder sb = new StringBuilder();
			boolean quoted = false;
			for (int i = 0; i < line.length(); i++) {
				final char c = line.charAt(i);
				if (c == '"') {
					if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
						sb.append('"');
						i++;
					}
					else quoted = !quoted;
				}
				else if (c == ',' && !quoted) {
					f.add(sb.toString());
					sb.setLength(0);
				}
				else sb.append(c);
			}
			f.add(sb.toString());
			rows.add(f.toArray(new String[0]));
		}
		return rows;
	}

	private static Codebook codebookOf(final Path labelFile) throws IOException {
		if (labelFile.toString().endsWith(".png")) return LabelPng.read(Files.readAllBytes(labelFile)).codebook();
		final ImagePlus imp = IJ.openImage(labelFile.toString());
		return CodebookFormat.parse(imp.getInfoProperty());
	}

	@Test
	void aCorruptFileIsReportedAndSkippedAndTheOthersAreWritten() throws IOException {
		Files.copy(Paths.get("samples/chelsea.png"), in.resolve("b-chelsea.png"));
		Files.copy(Paths.get("samples/camera.png"), in.resolve("a-camera.png"));
		Files.write(in.resolve("c-broken.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0 });
		Files.copy(Paths.get("samples/xyzc_16bit__spots.tif"), in.resolve("d-spots.tif"));
		Files.write(in.resolve("notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));
		final Map<Path, byte[]> before = contents(in);
		final Path out = dir.resolve("out/nested");
		final CliRun c = CliRun.of("compress", in.toString(), "-o", out.toString(), "--colors", "8");
		assertEquals(Main.EXIT_FAILURE, c.exit, c.err);
		assertEquals(names(out), List.of("a-camera.png", "b-chelsea.png", "d-spots.tif", "summary.csv"));
		final String[] err = c.errLines();
		assertTrue(err[0].startsWith("kmeans-quantize compress: " + in.resolve("c-broken.png")), c.err);
		assertTrue(err[err.length - 1].startsWith("kmeans-quantize compress: 4/4 files, "), c.err);
		final List<String[]> rows = csv(out.resolve("summary.csv"));
		assertEquals("file", rows.get(0)[0]);
		assertEquals(5, rows.size());
		assertEquals("failed", rows.get(3)[2]);
		assertTrue(rows.get(3)[13].contains("c-broken.png"), rows.get(3)[13]);
		for (final int i : new int[] { 1, 2, 4 }) {
			assertEquals("ok", rows.get(i)[2]);
			assertEquals(String.valueOf(Files.size(Paths.get(rows.get(i)[1]))), rows.get(i)[11]);
		}
		assertTrue(c.out.contains("FAILED"), c.out);
		// inputs unchanged, nothing else written into the input folder, no temporary file left
		assertEquals(before.keySet(), contents(in).keySet());
		for (final Map.Entry<Path, byte[]> e : before.entrySet())
			assertArrayEquals(e.getValue(), Files.readAllBytes(in.resolve(e.getKey())));
		// every output is the single-file compress of its input
		final Path single = dir.resolve("single.png");
		assertEquals(0, CliRun.of("compress", in.resolve("b-chelsea.png").toString(), "-o", single.toString(),
			"--colors", "8").exit);
		assertArrayEquals(Files.readAllBytes(single), Files.readAllBytes(out.resolve("b-chelsea.png")));
	}

	@Test
	void allGoodIsExitZeroAndTheJsonObjectCoversAllImages() throws IOException {
		series(in, 3, 4);
		final Path out = dir.resolve("out");
		final CliRun c = CliRun.of("compress", in.toString(), "-o", out.toString(), "--colors", "16", "--json");
		assertEquals(0, c.exit, c.err);
		final Map<String, String> j = CliRun.json(c.out);
		for (final String key : new String[] { "colors", "mse", "psnr", "images", "failed", "pixels", "seconds" })
			assertTrue(j.containsKey(key), key + " in " + c.out);
		assertEquals("3", j.get("images"));
		assertEquals("0", j.get("failed"));
		assertEquals(String.valueOf(3 * 451 * 300), j.get("pixels"));
		assertEquals("16", j.get("colors"));
		// mse over all values of all images: the pixel-weighted mean of the files' mse
		double sse = 0;
		long values = 0;
		for (final String[] row : csv(out.resolve("summary.csv")).subList(1, 4)) {
			sse += Double.parseDouble(row[8]) * Long.parseLong(row[7]) * 3;
			values += Long.parseLong(row[7]) * 3;
		}
		final double mse = Double.parseDouble(j.get("mse"));
		assertEquals(sse / values, mse, 1e-9 * mse);
		assertEquals(10 * Math.log10(255.0 * 255 / mse), Double.parseDouble(j.get("psnr")), 1e-9);
	}

	@Test
	void aGlobTakesTheMatchingFilesOnly() throws IOException {
		final List<Path> frames = series(in, 3, 4);
		Files.copy(Paths.get("samples/camera.png"), in.resolve("camera.png"));
		final Path out = dir.resolve("out");
		final CliRun c = CliRun.of("compress", in + "/frame-0[02].png", "-o", out.toString(), "--json");
		assertEquals(0, c.exit, c.err);
		assertEquals(List.of("frame-00.png", "frame-02.png", "summary.csv"), names(out));
		assertEquals("2", CliRun.json(c.out).get("images"));
		assertEquals(Main.EXIT_FAILURE, CliRun.of("compress", in + "/*.gif", "-o", out.toString()).exit);
		assertTrue(Files.exists(frames.get(1)));
	}

	@Test
	void formatTifWritesTiffsAndFormatPngFailsWhatAPngCannotHold() throws IOException {
		Files.copy(Paths.get("samples/camera.png"), in.resolve("camera.png"));
		Files.copy(Paths.get("samples/xy_float__h2b_bg_corr.tif"), in.resolve("float.tif"));
		final Path tif = dir.resolve("tif"), png = dir.resolve("png");
		assertEquals(0, CliRun.of("compress", in.toString(), "-o", tif.toString(), "--format", "tif").exit);
		assertEquals(List.of("camera.tif", "float.tif", "summary.csv"), names(tif));
		final CliRun c = CliRun.of("compress", in.toString(), "-o", png.toString(), "--format", "png");
		assertEquals(Main.EXIT_FAILURE, c.exit);
		assertTrue(c.err.contains("float.tif") && c.err.contains("--format tif"), c.err);
		assertEquals(List.of("camera.png", "summary.csv"), names(png));
		// a float image has a PSNR over its data range
		final String[] row = csv(tif.resolve("summary.csv")).get(2);
		assertTrue(Double.parseDouble(row[9]) > 10, String.join(",", row));
	}

	@Test
	void anOutputNeverOverwritesAnInputNorAnotherOutput() throws IOException {
		Files.copy(Paths.get("samples/camera.png"), in.resolve("camera.png"));
		Files.copy(Paths.get("samples/camera.png"), in.resolve("camera.jpeg.png"));
		final byte[] camera = Files.readAllBytes(in.resolve("camera.png"));
		// into the input folder itself: camera.png would be overwritten
		final CliRun c = CliRun.of("compress", in.toString(), "-o", in.toString());
		assertEquals(Main.EXIT_FAILURE, c.exit);
		assertTrue(c.err.contains("would overwrite an input"), c.err);
		assertArrayEquals(camera, Files.readAllBytes(in.resolve("camera.png")));
		// two inputs of one name: the second in name order fails
		Files.copy(Paths.get("samples/camera.png"), in.resolve("camera.tif"));
		final Path out = dir.resolve("out");
		final CliRun d = CliRun.of("compress", in.toString(), "-o", out.toString(), "--format", "tif");
		assertEquals(Main.EXIT_FAILURE, d.exit);
		assertTrue(d.err.contains("camera.tif") && d.err.contains("rename"), d.err);
	}

	@Test
	void folderOptionsNeedAFolderAndAFolderNeedsAnOutputFolder() {
		final CliRun c = CliRun.of("compress", "samples/camera.png", "-o", dir.resolve("x.png").toString(),
			"--shared-codebook");
		assertEquals(2, c.exit);
		assertTrue(c.err.contains("needs a folder"), c.err);
		assertEquals(2, CliRun.of("compress", in.toString(), "-o", dir.resolve("o").toString(), "--format", "gif")
			.exit);
		final CliRun d = CliRun.of("compress", in.toString(), "-o", dir.resolve("out.tif").toString());
		assertEquals(2, d.exit);
		assertTrue(d.err.contains("-o names the output folder"), d.err);
		assertFalse(Files.exists(dir.resolve("out.tif")));
	}

	@Test
	void aSharedCodebookIsInEveryFileAndTheSameOnAnyThreadCount() throws IOException {
		series(in, 3, 6);
		Files.copy(Paths.get("samples/chelsea.png"), in.resolve("z-chelsea.png"));
		Files.write(in.resolve("y-broken.tif"), new byte[] { 'I', 'I', 42, 0, 1, 2 });
		final Path one = dir.resolve("one"), two = dir.resolve("two");
		final CliRun a = Parallelization.runSingleThreaded(() -> CliRun.of("compress", in.toString(), "-o", one
			.toString(), "--colors", "12", "--shared-codebook", "--json"));
		final CliRun b = Parallelization.runWithNumThreads(3, () -> CliRun.of("compress", in.toString(), "-o", two
			.toString(), "--colors", "12", "--shared-codebook", "--json"));
		assertEquals(Main.EXIT_FAILURE, a.exit, a.err);
		assertTrue(a.err.contains("y-broken.tif"), a.err);
		final List<String> files = List.of("frame-00.png", "frame-01.png", "frame-02.png", "z-chelsea.png");
		final Codebook first = codebookOf(one.resolve(files.get(0)));
		assertEquals(12, first.size());
		for (final String f : files) {
			final Codebook cb = codebookOf(one.resolve(f));
			for (int i = 0; i < first.size(); i++)
				assertArrayEquals(first.asArrays()[i], cb.asArrays()[i], f);
			assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(two.resolve(f)), f);
		}
		final Map<String, String> j = CliRun.json(a.out);
		assertEquals("\"shared\"", j.get("mode"));
		assertEquals("12", j.get("entries"));
		assertEquals("5", j.get("images"));
		assertEquals("1", j.get("failed"));
		assertEquals(j.get("mse"), CliRun.json(b.out).get("mse"));
	}

	@Test
	void aSharedCodebookOfFewerEntriesIsNoted() throws IOException {
		for (int i = 0; i < 2; i++) {
			final BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
			for (int x = 0; x < 20; x++)
				img.getRaster().setSample(x, i, 0, 60 * (x % 2) + 100 * i);
			ImageIO.write(img, "png", in.resolve("g" + i + ".png").toFile());
		}
		final CliRun c = CliRun.of("compress", in.toString(), "-o", dir.resolve("out").toString(), "--colors", "16",
			"--shared-codebook", "--json");
		assertEquals(0, c.exit, c.err);
		assertTrue(c.err.contains("note: the shared codebook has 4 of 16 entries"), c.err);
		assertEquals("4", CliRun.json(c.out).get("entries"));
		assertEquals("0.0", CliRun.json(c.out).get("mse"));
	}

	@Test
	void aSharedCodebookSpansHyperstacksPlaneByPlane() throws IOException {
		Files.copy(Paths.get("samples/xyzc_16bit__spots.tif"), in.resolve("s1.tif"));
		Files.copy(Paths.get("samples/xyzc_16bit__spots.tif"), in.resolve("s2.tiff"));
		final Path out = dir.resolve("out");
		final CliRun c = CliRun.of("compress", in.toString(), "-o", out.toString(), "--colors", "8", "--scaling",
			"standardize", "--shared-codebook", "--json");
		assertEquals(0, c.exit, c.err);
		assertEquals(List.of("s1.tif", "s2.tif", "summary.csv"), names(out));
		final Codebook a = codebookOf(out.resolve("s1.tif")), b = codebookOf(out.resolve("s2.tif"));
		assertEquals(8, a.size());
		assertEquals(2, a.channels());
		assertTrue(a.channelWeight(0) != 1, "standardized over both stacks");
		assertEquals(a, b);
		final Map<String, String> j = CliRun.json(c.out);
		assertEquals(String.valueOf(2 * 133144), j.get("pixels"));
	}

	@Test
	void aSharedCodebookOnATimeSeriesIsAlmostAsGoodAsOnePerFrame() throws IOException {
		series(in, 4, 8);
		final CliRun shared = CliRun.of("compress", in.toString(), "-o", dir.resolve("s").toString(), "--colors", "16",
			"--shared-codebook", "--json");
		final CliRun own = CliRun.of("compress", in.toString(), "-o", dir.resolve("o").toString(), "--colors", "16",
			"--json");
		assertEquals(0, shared.exit, shared.err);
		assertEquals(0, own.exit, own.err);
		final double s = Double.parseDouble(CliRun.json(shared.out).get("mse"));
		final double o = Double.parseDouble(CliRun.json(own.out).get("mse"));
		assertTrue(s < 1.03 * o, "shared MSE " + s + " against " + o + " with one codebook per frame");
		assertTrue(s > 0.97 * o, "shared MSE " + s + " against " + o + " with one codebook per frame");
	}

	@Test
	void aSharedCodebookRefusesImagesOfOtherChannels() throws IOException {
		Files.copy(Paths.get("samples/camera.png"), in.resolve("a.png"));
		Files.copy(Paths.get("samples/chelsea.png"), in.resolve("b.png"));
		final Path out = dir.resolve("out");
		final CliRun c = CliRun.of("compress", in.toString(), "-o", out.toString(), "--shared-codebook");
		assertEquals(Main.EXIT_FAILURE, c.exit);
		assertEquals(1, c.errLines().length, c.err);
		assertTrue(c.err.contains("one type and channel count") && c.err.contains("b.png"), c.err);
		assertFalse(Files.exists(out));
	}
}
