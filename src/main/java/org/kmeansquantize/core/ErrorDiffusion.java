package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Labelling with Floyd&ndash;Steinberg error diffusion against a codebook: each pixel gets the
 * entry nearest to its value plus the error its neighbours passed on, and passes its own error
 * (value plus received error, clamped into the input's range, minus the entry's
 * {@linkplain Codebook#fitted(int, int) reconstructed value}) to the pixels not yet labelled: 7/16
 * to the next pixel in the row, 3/16, 5/16 and 1/16 to the three below it. Rows are scanned in
 * serpentine order (left to right, then right to left), which avoids the diagonal streaks of a
 * one-way scan. Errors are kept per channel in input units and distances are weighted as in
 * {@link KMeansQuantizer#assign}; a non-finite pixel gets {@link Codebook#nonFiniteLabel()} and passes
 * on no error.
 * <p>
 * The first two pixel dimensions are a plane (x, then y); every further position is a plane of its
 * own, dithered on its own. Each plane is dithered by one thread, in a fixed order, so the labels do
 * not depend on the number of threads; planes run in parallel (threads from ImgLib2's
 * {@link Parallelization}) and their sums are added in plane order.
 * </p>
 */
public final class ErrorDiffusion {

	private ErrorDiffusion() {}

	/**
	 * Labels every pixel of {@code source}: with error diffusion if {@code dither}, else each with
	 * its nearest entry ({@link KMeansQuantizer#assign}). Arguments, result and exceptions as there.
	 *
	 * @param dither whether to diffuse the error ({@link QuantizeSettings#dither()})
	 * @param codebook the codebook
	 * @param source the image's pixels; not modified
	 * @param labels written: one label per pixel, over {@code source.pixelDimensions()}
	 * @param progress progress and cancellation
	 * @return pixels per label and the reconstruction error
	 */
	public static Assignment label(final boolean dither, final Codebook codebook, final PixelSource source,
		final RandomAccessibleInterval<UnsignedByteType> labels, final Progress progress)
	{
		return dither ? assign(codebook, source, labels, progress) : KMeansQuantizer.assign(codebook, source, labels,
			progress);
	}

	/**
	 * Labels every pixel of {@code source} with error diffusion against {@code codebook}.
	 *
	 * @param codebook the codebook
	 * @param source the image's pixels; not modified
	 * @param labels written: one label per pixel, over {@code source.pixelDimensions()}
	 * @param progress progress (per plane) and cancellation
	 * @return pixels per label and the reconstruction error of the labels against the original
	 *         pixels (not the diffused values)
	 * @throws IllegalArgumentException if the shapes or channel counts do not match, or the image
	 *           has non-finite values and the codebook no entry for them
	 * @throws java.util.concurrent.CancellationException if cancelled (labels are then partly written)
	 */
	public static Assignment assign(final Codebook codebook, final PixelSource source,
		final RandomAccessibleInterval<UnsignedByteType> labels, final Progress progress)
	{
		final int nc = source.channels();
		if (codebook.channels() != nc) throw new IllegalArgumentException("the codebook has " + codebook
			.channels() + " channels but the image has " + nc);
		final long[] dims = source.pixelDimensions();
		if (!Arrays.equals(labels.dimensionsAsLongArray(), dims)) throw new IllegalArgumentException(
			"the label image does not have the image's pixel dimensions");
		final int width = (int) dims[0];
		final long planeSize = dims.length > 1 ? dims[0] * dims[1] : dims[0];
		final int height = (int) (planeSize / width);
		final long planes = source.size() / planeSize;
		final PixelSource target = PixelSource.of(labels, -1);
		final Palette palette = new Palette(codebook, source.range());
		final List<Long> planeIndices = new ArrayList<>();
		for (long p = 0; p < planes; p++)
			planeIndices.add(p);
		final AtomicInteger done = new AtomicInteger();
		final List<PlaneSums> sums = Threads.forEachApply(planeIndices, p -> {
			progress.checkCanceled();
			final PlaneSums s = plane(palette, source.reader(), target.reader(), p * planeSize, width, height, nc,
				progress);
			progress.report("dithering", done.incrementAndGet() / (double) planes);
			return s;
		});
		final long[] counts = new long[codebook.size()];
		double sse = 0;
		long samples = 0;
		for (final PlaneSums s : sums) {
			for (int i = 0; i < counts.length; i++)
				counts[i] += s.counts[i];
			sse += s.sse;
			samples += s.samples;
		}
		return new Assignment(counts, sse, samples);
	}

	/** Per-plane results, added in plane order. */
	private static final class PlaneSums {

		final long[] counts;
		double sse;
		long samples;

		PlaneSums(final int size) {
			counts = new long[size];
		}
	}

	/** The codebook's reconstructed values and weights, and the input's range, in flat arrays. */
	private static final class Palette {

		final int size, nc, nonFiniteLabel;
		final double[] fitted, weights2;
		final double min, max;
		final boolean checkFinite;

		Palette(final Codebook codebook, final SampleRange range) {
			size = codebook.size();
			nc = codebook.channels();
			nonFiniteLabel = codebook.nonFiniteLabel();
			fitted = new double[size * nc];
			for (int i = 0; i < size; i++)
				for (int c = 0; c < nc; c++)
					fitted[i * nc + c] = codebook.fitted(i, c);
			weights2 = new double[nc];
			for (int c = 0; c < nc; c++)
				weights2[c] = codebook.channelWeight(c) * codebook.channelWeight(c);
			min = range.min();
			max = range.max();
			checkFinite = !range.isInteger();
		}

		/** @return the finite entry nearest to {@code v} (the first of equals) */
		int nearest(final double[] v) {
			int best = -1;
			double bestD = Double.POSITIVE_INFINITY;
			for (int i = 0; i < size; i++) {
				if (i == nonFiniteLabel) continue;
				double d = 0;
				for (int c = 0; c < nc && d < bestD; c++) {
					final double e = v[c] - fitted[i * nc + c];
					d += weights2[c] * e * e;
				}
				if (d < bestD) {
					bestD = d;
					best = i;
				}
			}
			return best;
		}
	}

	private static PlaneSums plane(final Palette pal, final PixelSource.Reader in, final PixelSource.Reader out,
		final long start, final int width, final int height, final int nc, final Progress progress)
	{
		final PlaneSums sums = new PlaneSums(pal.size);
		final float[] row = new float[width * nc];
		final float[] rowLabels = new float[width];
		// errors for this row and the next, one pixel of margin on either side
		double[] here = new double[(width + 2) * nc], below = new double[(width + 2) * nc];
		final double[] v = new double[nc];
		for (int y = 0; y < height; y++) {
			if ((y & 63) == 0) progress.checkCanceled();
			final long rowStart = start + (long) y * width;
			in.read(rowStart, width, row);
			final boolean leftToRight = (y & 1) == 0;
			final int step = leftToRight ? 1 : -1;
			for (int i = 0; i < width; i++) {
				final int x = leftToRight ? i : width - 1 - i;
				final int o = x * nc, e = (x + 1) * nc;
				boolean finite = true;
				for (int c = 0; c < nc; c++)
					finite &= !pal.checkFinite || Float.isFinite(row[o + c]);
				if (!finite) {
					if (pal.nonFiniteLabel < 0) throw new IllegalArgumentException(
						"the image has NaN or infinite values but the codebook has no entry for them");
					rowLabels[x] = pal.nonFiniteLabel;
					sums.counts[pal.nonFiniteLabel]++;
					continue;
				}
				for (int c = 0; c < nc; c++)
					v[c] = Math.max(pal.min, Math.min(pal.max, row[o + c] + here[e + c]));
				final int j = pal.nearest(v);
				rowLabels[x] = j;
				sums.counts[j]++;
				for (int c = 0; c < nc; c++) {
					final double f = pal.fitted[j * nc + c];
					final double d = row[o + c] - f;
					sums.sse += d * d;
					final double err = v[c] - f;
					here[e + step * nc + c] += err * (7 / 16.0);
					below[e - step * nc + c] += err * (3 / 16.0);
					below[e + c] += err * (5 / 16.0);
					below[e + step * nc + c] += err * (1 / 16.0);
				}
				sums.samples += nc;
			}
			out.write(rowStart, width, rowLabels);
			final double[] t = here;
			here = below;
			below = t;
			Arrays.fill(below, 0);
		}
		return sums;
	}
}
