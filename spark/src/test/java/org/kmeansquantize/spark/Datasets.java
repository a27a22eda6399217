package org.kmeansquantize.spark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;

/**
 * Seeded synthetic datasets: folders of small images that look like a time-lapse (a few
 * intensity populations that drift from plane to plane, with noise), as single-plane TIFFs,
 * multi-page TIFFs and PNGs.
 */
public final class Datasets {

	private Datasets() {}

	/**
	 * Writes a dataset for the benchmark.
	 *
	 * @param args {@code grey16 DIR WIDTH HEIGHT SINGLES STACKS DEPTH PNGS SEED} or
	 *          {@code rgb DIR WIDTH HEIGHT FILES DEPTH SEED}
	 * @throws IOException if a file cannot be written
	 */
	public static void main(final String[] args) throws IOException {
		final Path dir = java.nio.file.Files.createDirectories(java.nio.file.Paths.get(args[1]));
		final int[] a = new int[args.length - 2];
		for (int i = 0; i < a.length; i++)
			a[i] = Integer.parseInt(args[i + 2]);
		final int planes = "rgb".equals(args[0]) ? rgb(dir, a[0], a[1], a[2], a[3], a[4]) : grey16(dir, a[0], a[1], a[2],
			a[3], a[4], a[5], a[6]);
		System.out.println(planes + " planes in " + dir);
	}

	/**
	 * A 16-bit grey time-lapse: {@code singles} one-plane TIFFs, {@code stacks} multi-page TIFFs of
	 * {@code depth} planes, and {@code pngs} 16-bit grey PNGs, named so that name order mixes them.
	 *
	 * @param dir the folder to write into
	 * @param width plane width
	 * @param height plane height
	 * @param singles one-plane TIFFs
	 * @param stacks multi-page TIFFs
	 * @param depth planes per multi-page TIFF
	 * @param pngs one-plane 16-bit PNGs
	 * @param seed the generator's seed
	 * @return the number of planes written
	 * @throws IOException if a file cannot be written
	 */
	public static int grey16(final Path dir, final int width, final int height, final int singles,
		final int stacks, final int depth, final int pngs, final long seed) throws IOException
	{
		final SplittableRandom rng = new SplittableRandom(seed);
		final int files = singles + stacks + pngs;
		final int[] kinds = new int[files];
		for (int f = 0; f < files; f++)
			kinds[f] = f < singles ? 0 : f < singles + stacks ? 1 : 2;
		for (int f = files - 1; f > 0; f--) {
			final int g = rng.nextInt(f + 1), t = kinds[f];
			kinds[f] = kinds[g];
			kinds[g] = t;
		}
		int plane = 0;
		for (int f = 0; f < files; f++) {
			final String name = String.format(Locale.ROOT, "t%04d", f);
			final int kind = kinds[f];
			if (kind == 1) {
				final ImageStack stack = new ImageStack(width, height);
				for (int z = 0; z < depth; z++)
					stack.addSlice(null, greyPlane(width, height, plane++, rng));
				final ImagePlus imp = new ImagePlus(name, stack);
				if (!new FileSaver(imp).saveAsTiffStack(dir.resolve(name + ".tif").toString())) throw new IOException(
					"cannot write " + name);
			}
			else if (kind == 2) {
				final short[] px = greyPlane(width, height, plane++, rng);
				final BufferedImage bi = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
				bi.getRaster().setDataElements(0, 0, width, height, px);
				ImageIO.write(bi, "png", dir.resolve(name + ".png").toFile());
			}
			else {
				final ImagePlus imp = new ImagePlus(name, new ShortProcessor(width, height, greyPlane(width, height,
					plane++, rng), null));
				if (!new FileSaver(imp).saveAsTiff(dir.resolve(name + ".tif").toString())) throw new IOException(
					"cannot write " + name);
			}
		}
		return plane;
	}

	/** Four populations (background, cytoplasm, nuclei, spots) whose levels drift over time. */
	private static short[] greyPlane(final int w, final int h, final int t, final SplittableRandom rng) {
		final short[] px = new short[w * h];
		final double drift = 1 + 0.3 * Math.sin(t / 40.0);
		final double cx = w * (0.3 + 0.4 * rng.nextDouble()), cy = h * (0.3 + 0.4 * rng.nextDouble());
		final double r = Math.min(w, h) * (0.15 + 0.15 * rng.nextDouble());
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final double d = Math.hypot(x - cx, y - cy) / r;
				double v = d < 0.5 ? 9000 : d < 1 ? 4000 : 600;
				if (rng.nextInt(200) == 0) v = 30000;
				v = v * drift + rng.nextDouble() * 400 - 200 + 150 * gaussian(rng);
				px[y * w + x] = (short) Math.max(0, Math.min(65535, Math.round(v)));
			}
		return px;
	}

	/**
	 * An RGB dataset: one-plane RGB TIFFs, RGB TIFF stacks of {@code depth} planes and RGB PNGs.
	 *
	 * @param dir the folder
	 * @param width plane width
	 * @param height plane height
	 * @param files number of files (every fourth a stack, every fourth a PNG)
	 * @param depth planes per stack
	 * @param seed the generator's seed
	 * @return planes written
	 * @throws IOException if a file cannot be written
	 */
	public static int rgb(final Path dir, final int width, final int height, final int files, final int depth,
		final long seed) throws IOException
	{
		final SplittableRandom rng = new SplittableRandom(seed);
		int planes = 0;
		for (int f = 0; f < files; f++) {
			final String name = String.format(Locale.ROOT, "rgb%03d", f);
			if (f % 4 == 1) {
				final ImageStack stack = new ImageStack(width, height);
				for (int z = 0; z < depth; z++, planes++)
					stack.addSlice(null, rgbPlane(width, height, rng));
				if (!new FileSaver(new ImagePlus(name, stack)).saveAsTiffStack(dir.resolve(name + ".tif").toString()))
					throw new IOException("cannot write " + name);
			}
			else if (f % 4 == 3) {
				final BufferedImage bi = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
				bi.setRGB(0, 0, width, height, rgbPlane(width, height, rng), 0, width);
				ImageIO.write(bi, "png", dir.resolve(name + ".png").toFile());
				planes++;
			}
			else {
				final ImagePlus imp = new ImagePlus(name, new ColorProcessor(width, height, rgbPlane(width, height,
					rng)));
				if (!new FileSaver(imp).saveAsTiff(dir.resolve(name + ".tif").toString())) throw new IOException(
					"cannot write " + name);
				planes++;
			}
		}
		return planes;
	}

	/** Stained tissue: a few colour populations with noise. */
	private static int[] rgbPlane(final int w, final int h, final SplittableRandom rng) {
		final int[][] colours = { { 235, 225, 230 }, { 200, 120, 170 }, { 90, 60, 140 }, { 150, 40, 90 }, { 60,
			30, 60 } };
		final int[] px = new int[w * h];
		final int cells = 4 + rng.nextInt(4);
		final double[][] c = new double[cells][];
		for (int i = 0; i < cells; i++)
			c[i] = new double[] { rng.nextDouble() * w, rng.nextDouble() * h, 4 + rng.nextDouble() * w / 6, 1 + rng
				.nextInt(4) };
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int kind = 0;
				for (final double[] cell : c)
					if (Math.hypot(x - cell[0], y - cell[1]) < cell[2]) kind = (int) cell[3];
				final int[] col = colours[kind];
				int rgb = 0;
				for (int ch = 0; ch < 3; ch++) {
					final int v = (int) Math.max(0, Math.min(255, Math.round(col[ch] + 12 * gaussian(rng))));
					rgb = rgb << 8 | v;
				}
				px[y * w + x] = rgb;
			}
		return px;
	}

	private static double gaussian(final SplittableRandom rng) {
		double s = 0;
		for (int i = 0; i < 4; i++)
			s += rng.nextDouble();
		return (s - 2) * Math.sqrt(3);
	}
}
