package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.InputImage;
import org.kmeansquantize.labelfile.LabelImage;
import org.kmeansquantize.labelfile.LabelPng;
import org.kmeansquantize.core.PixelSource;

/**
 * Many random image files of random type, shape, channel count and value range through the
 * command line in this JVM, compressed and decompressed: each run succeeds or fails with a
 * documented one-line error (an image without a finite value), and the invariants hold: the label
 * file describes the input, every label indexes the codebook, the reconstruction is the codebook
 * lookup of the labels with the input's type, shape and channel layout, its error is the one
 * reported, the input is unchanged, and the same seed gives the same bytes.
 */
class CommandLinePropertyTest {

	private static final int CASES = 60;

	@TempDir
	Path dir;

	@Test
	void randomFilesKeepTheInvariants() throws IOException {
		final Random rnd = new Random(20261126);
		final Map<String, Integer> done = new TreeMap<>();
		int errors = 0, notes = 0;
		for (int i = 0; i < CASES; i++) {
			final Case c = new Case(rnd, i, dir);
			final String outcome = check(c, rnd);
			if (outcome == null) errors++;
			else {
				done.merge(c.kind, 1, Integer::sum);
				if (!outcome.isEmpty()) notes++;
			}
		}
		System.out.println("command-line property cases: " + done + ", " + errors + " documented errors, " + notes +
			" notes");
		assertEquals(Case.KINDS.length, done.size(), "every kind of file succeeded at least once: " + done);
		assertTrue(errors > 0 && errors < CASES / 4 && notes > 0, "the cases exercise errors and notes");
	}

	/**
	 * @return null for a documented error, else the note on stderr ("" if none)
	 */
	private String check(final Case c, final Random rnd) throws IOException {
		final byte[] input = Files.readAllBytes(c.file);
		final InputImage original = ImageFiles.read(c.file);
		final ImageLayout layout = original.layout();
		final boolean png = layout.fitsIndexedPng() && rnd.nextInt(10) < 7;
		final Path labels = dir.resolve(c.name + "-labels." + (png ? "png" : "tif"));
		final Path again = dir.resolve(c.name + "-again." + (png ? "png" : "tif"));
		final String[] options = { "--colors", "" + c.colors, "--seed", "" + rnd.nextLong(), "--iterations", "" + rnd
			.nextInt(30), "--refine", "" + rnd.nextInt(20), "--scaling", rnd.nextBoolean() ? "none" : "standardize",
			"--json" };
		final CliRun r = CliRun.of(concat(new String[] { "compress", c.file.toString(), "-o", labels.toString() },
			options));
		assertArrayEquals(input, Files.readAllBytes(c.file), c + ": input unchanged");
		if (!hasFinitePixel(original.pixels())) {
			assertEquals(Main.EXIT_FAILURE, r.exit, c + ": " + r.out);
			assertEquals(1, r.errLines().length, c + ": " + r.err);
			assertTrue(r.err.contains("no pixel with a finite value"), c + ": " + r.err);
			assertTrue(!Files.exists(labels), c + ": no output");
			return null;
		}
		assertEquals(0, r.exit, c + ": " + r.err);
		assertTrue(r.err.isEmpty() || r.errLines().length == 1 && r.err.startsWith("kmeans-quantize compress: note: "),
			c + ": " + r.err);
		final Map<String, String> report = CliRun.json(r.out);
		assertEquals("" + layout.width(), report.get("width"), c.toString());
		assertEquals("" + layout.height(), report.get("height"), c.toString());
		assertEquals("" + layout.slices(), report.get("slices"), c.toString());
		assertEquals("" + layout.frames(), report.get("frames"), c.toString());
		assertEquals("" + layout.valuesPerPixel(), report.get("channels"), c.toString());
		final int entries = Integer.parseInt(report.get("entries"));
		assertTrue(entries >= 1 && entries <= c.colors + 1 && Integer.parseInt(report.get("colors")) <= entries, c +
			": " + r.out);

		// the same seed, the same bytes
		final CliRun r2 = CliRun.of(concat(new String[] { "compress", c.file.toString(), "-o", again.toString() },
			options));
		assertEquals(0, r2.exit, c + ": " + r2.err);
		assertArrayEquals(Files.readAllBytes(labels), Files.readAllBytes(again), c + ": same seed, other bytes");

		final LabelImage label = readLabels(labels);
		assertEquals(layout, label.layout(), c + ": the label file describes the input");
		final Codebook codebook = label.codebook();
		assertEquals(entries, codebook.size(), c.toString());
		for (int p = 0; p < label.planeCount(); p++)
			for (final byte b : label.plane(p))
				assertTrue((b & 0xff) < codebook.size(), c + ": label " + (b & 0xff) + " of " + codebook.size());

		final boolean pngOut = layout.type() == ImageLayout.Type.RGBA || layout.pngColorType() >= 0 && rnd
			.nextBoolean();
		final Path recon = dir.resolve(c.name + "-recon." + (pngOut ? "png" : "tif"));
		final CliRun d = CliRun.of("decompress", labels.toString(), "-o", recon.toString(), "--json");
		assertEquals(0, d.exit, c + ": " + d.err);
		assertEquals("", d.err, c.toString());
		final InputImage back = ImageFiles.read(recon);
		final ImageLayout b = back.layout();
		assertEquals(layout.type(), b.type(), c.toString());
		assertEquals(layout.width(), b.width(), c.toString());
		assertEquals(layout.height(), b.height(), c.toString());
		assertEquals(layout.channels(), b.channels(), c.toString());
		assertEquals(layout.slices(), b.slices(), c.toString());
		assertEquals(layout.frames(), b.frames(), c.toString());
		if (!pngOut && "tiff".equals(layout.source())) assertEquals(layout.mode(), b.mode(), c.toString());
		checkLookup(c, label, back.pixels());
		final double mse = mse(original.pixels(), back.pixels());
		final double reported = Double.parseDouble(report.get("mse"));
		assertEquals(reported, mse, 1e-9 * Math.max(1, mse), c + ": the reconstruction's error is the one reported");
		return r.err.trim();
	}

	/** Every reconstructed value is its label's codebook entry. */
	private static void checkLookup(final Case c, final LabelImage label, final PixelSource recon) {
		final Codebook codebook = label.codebook();
		final int nc = recon.channels();
		final int plane = label.layout().width() * label.layout().height();
		final float[] v = new float[nc];
		final PixelSource.Reader reader = recon.reader();
		for (long p = 0; p < recon.size(); p++) {
			reader.read(p, 1, v);
			final int l = label.plane((int) (p / plane))[(int) (p % plane)] & 0xff;
			for (int ch = 0; ch < nc; ch++) {
				final float expected = (float) codebook.fitted(l, ch);
				if (!(Float.isNaN(expected) && Float.isNaN(v[ch])) && expected != v[ch]) fail(c + ": pixel " + p +
					" channel " + ch + " is " + v[ch] + " but entry " + l + " is " + expected);
			}
		}
	}

	private static LabelImage readLabels(final Path file) throws IOException {
		if (file.toString().endsWith(".png")) return LabelPng.read(Files.readAllBytes(file));
		final ImagePlus imp = IJ.openImage(file.toString());
		final ImageStack stack = imp.getStack();
		final byte[][] planes = new byte[stack.getSize()][];
		for (int i = 0; i < planes.length; i++)
			planes[i] = (byte[]) stack.getPixels(i + 1);
		return LabelImage.of(imp.getInfoProperty(), planes);
	}

	private static boolean hasFinitePixel(final PixelSource pixels) {
		final int nc = pixels.channels();
		final float[] v = new float[nc];
		final PixelSource.Reader reader = pixels.reader();
		next: for (long p = 0; p < pixels.size(); p++) {
			reader.read(p, 1, v);
			for (final float x : v)
				if (!Float.isFinite(x)) continue next;
			return true;
		}
		return false;
	}

	/** Mean squared error over the values finite in both images, as the engine measures it. */
	private static double mse(final PixelSource a, final PixelSource b) {
		final int nc = a.channels();
		final float[] va = new float[nc], vb = new float[nc];
		final PixelSource.Reader ra = a.reader(), rb = b.reader();
		double sum = 0;
		long n = 0;
		for (long p = 0; p < a.size(); p++) {
			ra.read(p, 1, va);
			rb.read(p, 1, vb);
			for (int ch = 0; ch < nc; ch++)
				if (Float.isFinite(va[ch]) && Float.isFinite(vb[ch])) {
					final double d = (double) va[ch] - vb[ch];
					sum += d * d;
					n++;
				}
		}
		return sum / n;
	}

	private static String[] concat(final String[] a, final String[] b) {
		final String[] r = new String[a.length + b.length];
		System.arraycopy(a, 0, r, 0, a.length);
		System.arraycopy(b, 0, r, a.length, b.length);
		return r;
	}

	/** One random image file and the number of colours to quantize it to. */
	private static final class Case {

		static final String[] KINDS = { "png-grey8", "png-rgb", "png-rgba", "png-grey16", "tif-8", "tif-16", "tif-32",
			"tif-rgb" };

		final String kind;
		final String name;
		final Path file;
		final int colors;
		private final String what;

		Case(final Random rnd, final int index, final Path dir) throws IOException {
			kind = KINDS[rnd.nextInt(KINDS.length)];
			name = "case" + index;
			final int shape = rnd.nextInt(4);
			final int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 400);
			final int w = shape == 0 ? 1 : shape == 1 ? n : 1 + rnd.nextInt(48);
			final int h = shape == 0 ? n : shape == 1 ? 1 : 1 + rnd.nextInt(48);
			final boolean tif = kind.startsWith("tif");
			final int nc = tif && !"tif-rgb".equals(kind) ? 1 + rnd.nextInt(5) : 1;
			final int nz = tif ? 1 + rnd.nextInt(3) : 1, nt = tif ? 1 + rnd.nextInt(3) : 1;
			final Values values = new Values(rnd, kind);
			colors = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 256);
			if (tif) {
				file = dir.resolve(name + ".tif");
				writeTiff(rnd, w, h, nc, nz, nt, values);
			}
			else {
				file = dir.resolve(name + ".png");
				writePng(w, h, values);
			}
			what = name + " " + kind + " " + w + "x" + h + "x" + nc + "x" + nz + "x" + nt + " " + values + " k=" +
				colors;
		}

		private void writePng(final int w, final int h, final Values values) throws IOException {
			final int type = "png-grey8".equals(kind) ? BufferedImage.TYPE_BYTE_GRAY : "png-grey16".equals(kind)
				? BufferedImage.TYPE_USHORT_GRAY : "png-rgb".equals(kind) ? BufferedImage.TYPE_INT_RGB
					: BufferedImage.TYPE_INT_ARGB;
			final BufferedImage img = new BufferedImage(w, h, type);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_USHORT_GRAY) img.getRaster()
						.setSample(x, y, 0, (int) values.next());
					else img.setRGB(x, y, values.argb(type == BufferedImage.TYPE_INT_ARGB));
				}
			assertTrue(ImageIO.write(img, "png", file.toFile()));
		}

		private void writeTiff(final Random rnd, final int w, final int h, final int nc, final int nz, final int nt,
			final Values values)
		{
			final ImageStack stack = new ImageStack(w, h);
			for (int i = 0; i < nc * nz * nt; i++) {
				final ImageProcessor ip = "tif-8".equals(kind) ? new ByteProcessor(w, h) : "tif-16".equals(kind)
					? new ShortProcessor(w, h) : "tif-32".equals(kind) ? new FloatProcessor(w, h)
						: new ColorProcessor(w, h);
				for (int p = 0; p < w * h; p++) {
					if (ip instanceof ColorProcessor) ip.set(p, values.argb(false));
					else ip.setf(p, (float) values.next());
				}
				stack.addSlice(null, ip);
			}
			ImagePlus imp = new ImagePlus(name, stack);
			imp.setDimensions(nc, nz, nt);
			if (nc > 1 || nz > 1 && nt > 1) imp.setOpenAsHyperStack(true);
			if (nc > 1 && rnd.nextBoolean()) imp = new CompositeImage(imp, 1 + rnd.nextInt(3));
			final FileSaver saver = new FileSaver(imp);
			assertTrue(stack.getSize() > 1 ? saver.saveAsTiffStack(file.toString()) : saver.saveAsTiff(file
				.toString()));
		}

		@Override
		public String toString() {
			return what;
		}
	}

	/**
	 * Random values of one image: constant, a few levels, a narrow or the whole range; floats of any
	 * scale, with NaN and infinities.
	 */
	private static final class Values {

		private final Random rnd;
		private final String kind;
		private final int mode;
		private final double scale;
		private final double offset;
		private final double nonFinite;
		private final int levels;
		private final double max;

		Values(final Random rnd, final String kind) {
			this.rnd = rnd;
			this.kind = kind;
			mode = rnd.nextInt(4);
			max = kind.contains("16") ? 65535 : 255;
			levels = 2 + rnd.nextInt(5);
			scale = Math.pow(10, rnd.nextInt(10) - 3);
			offset = rnd.nextGaussian() * scale;
			final int f = rnd.nextInt(10);
			nonFinite = !"tif-32".equals(kind) ? 0 : f == 0 ? 1 : f < 4 ? 0.1 : 0;
		}

		/** @return the next grey value */
		double next() {
			if (nonFinite > 0 && rnd.nextDouble() < nonFinite) {
				final int r = rnd.nextInt(3);
				return r == 0 ? Double.NaN : r == 1 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
			}
			if ("tif-32".equals(kind)) {
				switch (mode) {
					case 0:
						return offset;
					case 1:
						return offset + scale * rnd.nextInt(levels);
					case 2:
						return offset + scale * rnd.nextGaussian() * 1e-3;
					default:
						return offset + scale * rnd.nextGaussian();
				}
			}
			switch (mode) {
				case 0:
					return Math.min(max, 7);
				case 1:
					return Math.round(rnd.nextInt(levels) * max / (levels - 1));
				case 2:
					return 100 + rnd.nextInt(20);
				default:
					return rnd.nextInt((int) max + 1);
			}
		}

		/** @return the next packed colour, opaque unless {@code alpha} */
		int argb(final boolean alpha) {
			final int a = alpha ? (int) channel() : 255;
			return a << 24 | (int) channel() << 16 | (int) channel() << 8 | (int) channel();
		}

		private double channel() {
			switch (mode) {
				case 0:
					return 200;
				case 1:
					return rnd.nextInt(levels) * 255 / (levels - 1);
				case 2:
					return 100 + rnd.nextInt(20);
				default:
					return rnd.nextInt(256);
			}
		}

		@Override
		public String toString() {
			return "values " + mode + (nonFinite > 0 ? " non-finite " + nonFinite : "");
		}
	}
}
