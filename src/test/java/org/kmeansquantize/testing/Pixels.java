package org.kmeansquantize.testing;

import java.nio.file.Path;
import java.nio.file.Paths;

import ij.ImagePlus;
import ij.ImageStack;

import org.kmeansquantize.core.Codebook;

/**
 * Reads ImageJ 1 images the plain way, independently of the code under test: pixels in (x, y, z,
 * t) order, each with its channel values (RGB: red, green, blue).
 */
public final class Pixels {

	private Pixels() {}

	/**
	 * @param name a file in the project's {@code samples/} folder
	 * @return its absolute path
	 */
	public static Path sample(final String name) {
		return Paths.get("samples", name).toAbsolutePath();
	}

	/**
	 * @param imp an 8-, 16-, 32-bit or RGB image
	 * @return {@code [channel][pixel]} values, pixels over (x, y, z, t)
	 */
	public static double[][] values(final ImagePlus imp) {
		final int w = imp.getWidth(), h = imp.getHeight(), nz = imp.getNSlices(), nt = imp.getNFrames();
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		final int nc = rgb ? 3 : imp.getNChannels();
		final int plane = w * h;
		final double[][] v = new double[nc][plane * nz * nt];
		final ImageStack stack = imp.getStack();
		for (int t = 0; t < nt; t++)
			for (int z = 0; z < nz; z++) {
				final int offset = (t * nz + z) * plane;
				if (rgb) {
					final int[] px = (int[]) stack.getPixels(imp.getStackIndex(1, z + 1, t + 1));
					for (int i = 0; i < plane; i++) {
						v[0][offset + i] = px[i] >> 16 & 0xff;
						v[1][offset + i] = px[i] >> 8 & 0xff;
						v[2][offset + i] = px[i] & 0xff;
					}
					continue;
				}
				for (int c = 0; c < nc; c++) {
					final ij.process.ImageProcessor ip = stack.getProcessor(imp.getStackIndex(c + 1, z + 1, t + 1));
					for (int i = 0; i < plane; i++)
						v[c][offset + i] = ip.getf(i);
				}
			}
		return v;
	}

	/**
	 * @param labels an 8-bit image of one channel
	 * @return its values over (x, y, z, t)
	 */
	public static int[] labels(final ImagePlus labels) {
		final double[][] v = values(labels);
		final int[] l = new int[v[0].length];
		for (int i = 0; i < l.length; i++)
			l[i] = (int) v[0][i];
		return l;
	}

	/**
	 * @param original the quantized image's values, {@code [channel][pixel]}
	 * @param labels one label per pixel
	 * @param codebook what the labels stand for
	 * @return mean over pixels and channels of (original - fitted entry)&sup2;
	 */
	public static double impliedMse(final double[][] original, final int[] labels, final Codebook codebook) {
		double sum = 0;
		for (int c = 0; c < original.length; c++)
			for (int i = 0; i < labels.length; i++) {
				final double d = original[c][i] - codebook.fitted(labels[i], c);
				sum += d * d;
			}
		return sum / ((double) labels.length * original.length);
	}

	/**
	 * @param a values {@code [channel][pixel]}
	 * @param b values of the same shape
	 * @return mean squared difference
	 */
	public static double mse(final double[][] a, final double[][] b) {
		double sum = 0;
		long n = 0;
		for (int c = 0; c < a.length; c++)
			for (int i = 0; i < a[c].length; i++) {
				final double d = a[c][i] - b[c][i];
				sum += d * d;
				n++;
			}
		return sum / n;
	}

	/**
	 * @param a values {@code [channel][pixel]}
	 * @return the mean over channels of each channel's variance
	 */
	public static double variance(final double[][] a) {
		double total = 0;
		for (final double[] ch : a) {
			double s = 0, sq = 0;
			for (final double v : ch) {
				s += v;
				sq += v * v;
			}
			final double mean = s / ch.length;
			total += sq / ch.length - mean * mean;
		}
		return total / a.length;
	}
}
