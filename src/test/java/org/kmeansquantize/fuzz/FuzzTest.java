package org.kmeansquantize.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.kmeansquantize.batch.FileCodec;
import org.kmeansquantize.batch.PaletteFiles;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.io.TiffStructure;
import org.kmeansquantize.labelfile.CodebookFormat;

/**
 * Byte-level fuzzing of every reader, through the entry points the command line uses
 * ({@link ImageFiles#read} for images, {@link PaletteFiles#read} for label files and codebook
 * text, which read them as {@code decompress} does): valid small PNG (grey, RGB, RGBA, palette,
 * 16-bit), JPEG, TIFF (8- and 16-bit, multi-page), label PNG, label TIFF and codebook files are
 * mutated (bit flips, truncation, inserted and deleted runs, overwritten words, PNG chunks with
 * changed lengths and fixed CRCs, TIFF IFD entries with changed types, counts and offsets,
 * codebook numbers replaced by absurd ones) and read. Every case must end in a result or an
 * {@link IOException} with a one-line message without an exception name, within
 * {@value #CASE_SECONDS} s. Seeds are fixed: case i of a run always gets the same bytes.
 * <p>
 * Runs in its own surefire execution with {@code -Xmx256m} (pom.xml), so that a reader allocating
 * what the file does not hold fails the test. {@code -Dfuzz.cases=N} sets the number of cases
 * (default 3000, about 20 s), {@code -Dfuzz.seed=S} the seed, {@code -Dfuzz.first=I} the first case
 * (to run one case again: {@code -Dfuzz.first=I -Dfuzz.cases=1}), {@code -Dfuzz.keep=DIR} a folder
 * that keeps the files of failed cases.
 * </p>
 */
@Tag("slow")
class FuzzTest {

	private static final int CASE_SECONDS = 10;

	@TempDir
	Path dir;

	@Test
	void mutatedFilesEndInAResultOrOneLineRefusal() throws Exception {
		final int cases = Integer.getInteger("fuzz.cases", 3000);
		final int first = Integer.getInteger("fuzz.first", 0);
		final long seed = Long.getLong("fuzz.seed", 12);
		final String keep = System.getProperty("fuzz.keep");
		final Map<String, byte[]> bases = bases();
		final List<String> names = new ArrayList<>(bases.keySet());
		final List<String> failures = new ArrayList<>();
		final Map<String, Integer> outcomes = new LinkedHashMap<>();
		final ExecutorService pool = Executors.newCachedThreadPool(r -> {
			final Thread t = new Thread(r, "fuzz case");
			t.setDaemon(true);
			return t;
		});
		final long start = System.nanoTime();
		long slowestNanos = 0;
		String slowest = "";
		try {
			for (int i = first; i < first + cases; i++) {
				final Random rnd = new Random(seed * 1_000_003L + i);
				final String name = names.get(rnd.nextInt(names.size()));
				final byte[] mutated = mutate(bases.get(name), name, rnd);
				final Path file = dir.resolve("case" + (i % 64) + extension(name));
				Files.write(file, mutated);
				final long caseStart = System.nanoTime();
				final Future<String> f = pool.submit(() -> read(file, name));
				String outcome;
				try {
					outcome = f.get(CASE_SECONDS, TimeUnit.SECONDS);
				}
				catch (final TimeoutException e) {
					f.cancel(true);
					outcome = "hang";
				}
				catch (final java.util.concurrent.ExecutionException e) {
					final Throwable c = e.getCause();
					outcome = c instanceof IOException ? refusal((IOException) c) : "uncaught " + c;
				}
				final long caseNanos = System.nanoTime() - caseStart;
				if (caseNanos > slowestNanos) {
					slowestNanos = caseNanos;
					slowest = "case " + i + " (" + name + ")";
				}
				outcomes.merge(outcome.startsWith("refused") ? "refused" : outcome.startsWith("read") ? "read" : "bad", 1,
					Integer::sum);
				if (!outcome.startsWith("refused") && !outcome.startsWith("read") && failures.size() < 20) {
					final Path kept = (keep == null ? dir : Files.createDirectories(Path.of(keep))).resolve("failed-" + seed +
						"-" + i + extension(name));
					Files.write(kept, mutated);
					failures.add("case " + i + " (" + name + "): " + outcome);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		System.out.println("fuzz: " + cases + " cases, seed " + seed + ", " + outcomes + ", " + String.format(
			"%.1f s", (System.nanoTime() - start) / 1e9) + ", slowest " + slowest + String.format(" %.0f ms",
				slowestNanos / 1e6));
		assertTrue(failures.isEmpty(), String.join("\n", failures));
	}

	/** @return {@code refused} for a one-line message without an exception's name, else what is wrong */
	private static String refusal(final IOException e) {
		final String m = e.getMessage();
		if (m == null || m.isEmpty()) return "empty message";
		if (m.contains("\n") || m.contains("\r")) return "multi-line message: " + m;
		if (m.matches(".*(\\w(Exception|Error)\\b|java\\.|\\bnull\\b).*")) return "internal text in: " + m;
		// every base file is a few KB: a reader that runs out of memory allocated what the file does not hold
		if (m.contains("not enough memory")) return "out of memory (caught, not prevented): " + m;
		return "refused";
	}

	private static String read(final Path file, final String name) throws IOException {
		if (name.startsWith("label") || name.startsWith("codebook")) {
			final PaletteFiles.Palette p = PaletteFiles.read(file);
			return "read " + p.codebook().size();
		}
		if (name.endsWith("tif")) TiffStructure.read(file);
		return "read " + ImageFiles.read(file).layout().describe();
	}

	private static String extension(final String name) {
		return name.startsWith("codebook") ? ".txt" : name.endsWith("tif") ? ".tif" : name.endsWith("jpg") ? ".jpg"
			: ".png";
	}

	/** The valid files the cases mutate, small so that a case takes milliseconds. */
	private Map<String, byte[]> bases() throws IOException {
		final Map<String, byte[]> b = new LinkedHashMap<>();
		final Random rnd = new Random(7);
		final BufferedImage grey = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_GRAY);
		final BufferedImage rgb = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
		final BufferedImage rgba = new BufferedImage(24, 16, BufferedImage.TYPE_INT_ARGB);
		final BufferedImage grey16 = new BufferedImage(20, 12, BufferedImage.TYPE_USHORT_GRAY);
		final BufferedImage palette = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_INDEXED);
		for (int y = 0; y < 16; y++)
			for (int x = 0; x < 24; x++) {
				final int v = rnd.nextInt() & 0xffffff;
				grey.getRaster().setSample(x, y, 0, (x * 10 + y) & 0xff);
				rgb.setRGB(x, y, v);
				rgba.setRGB(x, y, v | (x * 10) << 24);
				palette.setRGB(x, y, (x / 6) * 0x402010);
				if (x < 20 && y < 12) grey16.getRaster().setSample(x, y, 0, x * 3000 + y * 7);
			}
		b.put("grey.png", image(grey, "png"));
		b.put("rgb.png", image(rgb, "png"));
		b.put("rgba.png", image(rgba, "png"));
		b.put("grey16.png", image(grey16, "png"));
		b.put("palette.png", image(palette, "png"));
		b.put("rgb.jpg", image(rgb, "jpeg"));
		b.put("grey.jpg", image(grey, "jpeg"));
		final ByteProcessor bp = new ByteProcessor(16, 12);
		final ShortProcessor sp = new ShortProcessor(16, 12);
		for (int i = 0; i < 16 * 12; i++) {
			bp.set(i, i & 0xff);
			sp.set(i, i * 300);
		}
		b.put("grey8.tif", tiff(new ImagePlus("g", bp)));
		b.put("grey16.tif", tiff(new ImagePlus("s", sp)));
		final ImageStack stack = new ImageStack(16, 12);
		for (int z = 0; z < 3; z++)
			stack.addSlice(null, bp.duplicate());
		b.put("stack.tif", tiff(new ImagePlus("stack", stack)));
		final Path rgbPng = Files.write(dir.resolve("base-rgb.png"), b.get("rgb.png"));
		final QuantizeSettings k4 = QuantizeSettings.builder().colors(4).build();
		final Path labelPng = dir.resolve("base-label.png");
		FileCodec.compress(rgbPng, labelPng, k4, Progress.NONE);
		b.put("label.png", Files.readAllBytes(labelPng));
		final Path stackTif = Files.write(dir.resolve("base-stack.tif"), b.get("grey16.tif"));
		final Path labelTif = dir.resolve("base-label.tif");
		FileCodec.compress(stackTif, labelTif, k4, Progress.NONE);
		b.put("label.tif", Files.readAllBytes(labelTif));
		b.put("codebook.txt", CodebookFormat.format(PaletteFiles.read(labelTif).codebook()).getBytes(
			StandardCharsets.US_ASCII));
		return b;
	}

	private static byte[] image(final BufferedImage img, final String format) throws IOException {
		final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		if (!ImageIO.write(img, format, out)) throw new IOException("no writer for " + format);
		return out.toByteArray();
	}

	private byte[] tiff(final ImagePlus imp) throws IOException {
		final Path p = Files.createTempFile(dir, "base", ".tif");
		final boolean ok = imp.getStackSize() > 1 ? new FileSaver(imp).saveAsTiffStack(p.toString()) : new FileSaver(
			imp).saveAsTiff(p.toString());
		if (!ok) throw new IOException("cannot write a base TIFF");
		return Files.readAllBytes(p);
	}

	/** Interesting values for overwritten words: edges of the types and of the file. */
	private static long interesting(final Random rnd, final int length) {
		final long[] v = { 0, 1, 2, 7, 8, 0x7f, 0xff, 0x100, 0x7fff, 0xffff, 0x10000, 0x7fffffffL, 0xffffffffL,
			0x80000000L, length, length - 1, length + 1, length / 2, 1_000_000, 100_000_000 };
		return v[rnd.nextInt(v.length)];
	}

	/** One mutation (sometimes two) of a valid file, chosen by {@code rnd}. */
	static byte[] mutate(final byte[] base, final String name, final Random rnd) {
		byte[] d = base.clone();
		final int rounds = 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
		for (int r = 0; r < rounds; r++) {
			final int kind = rnd.nextInt(name.startsWith("codebook") ? 8 : name.endsWith("png") ? 8 : name.endsWith(
				"tif") ? 8 : 6);
			switch (kind) {
				case 0:
					for (int k = 1 + rnd.nextInt(8); k > 0 && d.length > 0; k--)
						d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
					break;
				case 1:
					d = java.util.Arrays.copyOf(d, d.length == 0 ? 0 : rnd.nextInt(d.length));
					break;
				case 2: {
					final int at = rnd.nextInt(d.length + 1), n = 1 + rnd.nextInt(64);
					final byte[] e = new byte[d.length + n];
					System.arraycopy(d, 0, e, 0, at);
					for (int i = 0; i < n; i++)
						e[at + i] = (byte) (rnd.nextBoolean() ? rnd.nextInt() : 0);
					System.arraycopy(d, at, e, at + n, d.length - at);
					d = e;
					break;
				}
				case 3: {
					if (d.length < 2) break;
					final int at = rnd.nextInt(d.length - 1), n = 1 + rnd.nextInt(Math.min(64, d.length - at - 1) + 1);
					final byte[] e = new byte[d.length - Math.min(n, d.length - at)];
					System.arraycopy(d, 0, e, 0, at);
					System.arraycopy(d, at + (d.length - e.length), e, at, e.length - at);
					d = e;
					break;
				}
				case 4:
				case 5: {
					if (d.length < 4) break;
					final int at = rnd.nextInt(d.length - 3);
					final ByteBuffer b = ByteBuffer.wrap(d).order(rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN
						: ByteOrder.LITTLE_ENDIAN);
					if (rnd.nextBoolean()) b.putInt(at, (int) interesting(rnd, d.length));
					else b.putShort(at, (short) interesting(rnd, d.length));
					break;
				}
				default:
					if (name.startsWith("codebook")) d = codebookNumber(d, rnd);
					else if (name.endsWith("png")) pngChunk(d, rnd);
					else tiffEntry(d, rnd);
			}
		}
		return d;
	}

	/** Replaces one number of a codebook text by an absurd one. */
	private static byte[] codebookNumber(final byte[] d, final Random rnd) {
		final String t = new String(d, StandardCharsets.US_ASCII);
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?[0-9][0-9.E]*").matcher(t);
		final List<int[]> at = new ArrayList<>();
		while (m.find())
			at.add(new int[] { m.start(), m.end() });
		if (at.isEmpty()) return d;
		final int[] p = at.get(rnd.nextInt(at.size()));
		final String[] absurd = { "-1", "0", "100000000", "NaN", "Infinity", "-Infinity", "1e308", "99999999999999999999",
			"2147483648", "257", "4097", "" };
		return (t.substring(0, p[0]) + absurd[rnd.nextInt(absurd.length)] + t.substring(p[1])).getBytes(
			StandardCharsets.US_ASCII);
	}

	/** Changes a PNG chunk's length or data and fixes its CRC, so that the change reaches the decoder. */
	private static void pngChunk(final byte[] d, final Random rnd) {
		final List<Integer> chunks = new ArrayList<>();
		for (int p = 8; p + 12 <= d.length;) {
			chunks.add(p);
			final long len = ByteBuffer.wrap(d, p, 4).getInt() & 0xffffffffL;
			if (p + 12 + len > d.length) break;
			p += 12 + (int) len;
		}
		if (chunks.isEmpty()) return;
		final int p = chunks.get(rnd.nextInt(chunks.size()));
		final ByteBuffer b = ByteBuffer.wrap(d);
		final int len = b.getInt(p);
		if (rnd.nextBoolean()) b.putInt(p, (int) interesting(rnd, d.length));
		else if (len > 0 && p + 8L + len <= d.length) {
			final int at = p + 8 + rnd.nextInt(len);
			if (len >= 4 && at + 4 <= p + 8 + len && rnd.nextBoolean()) b.putInt(at, (int) interesting(rnd, d.length));
			else d[at] ^= (byte) (1 << rnd.nextInt(8));
			if (p + 12L + len <= d.length) {
				final CRC32 crc = new CRC32();
				crc.update(d, p + 4, 4 + len);
				b.putInt(p + 8 + len, (int) crc.getValue());
			}
		}
	}

	/** Changes one IFD entry's type, count or value of the first IFD of a classic TIFF. */
	private static void tiffEntry(final byte[] d, final Random rnd) {
		if (d.length < 8) return;
		final ByteBuffer b = ByteBuffer.wrap(d).order(d[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
		final long ifd = b.getInt(4) & 0xffffffffL;
		if (ifd + 2 > d.length) return;
		final int n = b.getShort((int) ifd) & 0xffff;
		if (n == 0 || ifd + 2 + 12L * n > d.length) return;
		final int e = (int) ifd + 2 + 12 * rnd.nextInt(n);
		switch (rnd.nextInt(3)) {
			case 0:
				b.putShort(e + 2, (short) (1 + rnd.nextInt(18)));
				break;
			case 1:
				b.putInt(e + 4, (int) interesting(rnd, d.length));
				break;
			default:
				b.putInt(e + 8, (int) interesting(rnd, d.length));
		}
	}

}
