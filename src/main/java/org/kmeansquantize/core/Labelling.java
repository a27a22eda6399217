package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Labelling and reconstruction: {@link KMeansQuantizer#assign} and
 * {@link KMeansQuantizer#reconstruct}. Assignment has two fast paths for sources and labels held in
 * arrays, which give the same labels and sums as the general path: 8- or 16-bit grey through a
 * table of every value's label, and packed RGB with integer arithmetic only.
 */
final class Labelling {

	private Labelling() {}

	/** See {@link KMeansQuantizer#assign}. */
	static Assignment assign(final Codebook codebook, final PixelSource source,
		final RandomAccessibleInterval<UnsignedByteType> labels, final Progress progress)
	{
		final int nc = source.channels();
		if (codebook.channels() != nc) throw new IllegalArgumentException("the codebook has " + codebook
			.channels() + " channels but the image has " + nc);
		PixelSource.requireShape("label image", labels.dimensionsAsLongArray(), "image", source.pixelDimensions());
		final Nearest nearest = Nearest.of(codebook, source.range(), source.size());
		final PixelSource target = PixelSource.of(labels, -1);
		final int size = codebook.size();
		final float[] fitted = fitted(codebook);
		final List<LabelStats> parts;
		if (source.isDirectArgb() && target.isDirectU8() && nearest.packed()) parts = assignArgb(source, target,
			nearest, fitted, size, progress);
		else if (source.isDirectGrey() && target.isDirectU8() && nearest.table() != null && source.range()
			.min() == 0) parts = assignGrey(source, target, nearest.table(), fitted, size, progress);
		else parts = assignAny(source, target, codebook.nonFiniteLabel(), nearest, fitted, size, progress);
		return LabelStats.total(parts, size);
	}

	/** One task's state of the general assignment path. */
	private static final class AssignTask {

		final PixelSource.Reader in;
		final PixelSource.Reader out;
		final float[] values;
		final float[] labels = new float[Chunks.BLOCK];
		final Nearest.Context nearest;

		AssignTask(final PixelSource source, final PixelSource target, final Nearest nearest) {
			in = source.reader();
			out = target.reader();
			values = new float[Chunks.BLOCK * source.channels()];
			this.nearest = nearest.context();
		}
	}

	/** The general path: any source and label image, read and written block by block. */
	private static List<LabelStats> assignAny(final PixelSource source, final PixelSource target,
		final int nonFiniteLabel, final Nearest nearest, final float[] fitted, final int size,
		final Progress progress)
	{
		final int nc = source.channels();
		final boolean checkFinite = !source.range().isInteger();
		return Chunks.map(source.size(), () -> new AssignTask(source, target, nearest), (task, start, len) -> {
			final float[] buf = task.values;
			final float[] lab = task.labels;
			final LabelStats stats = new LabelStats(size);
			for (long b = start; b < start + len; b += Chunks.BLOCK) {
				final int n = (int) Math.min(Chunks.BLOCK, start + len - b);
				task.in.read(b, n, buf);
				for (int i = 0; i < n; i++) {
					final int o = i * nc;
					final int j;
					if (checkFinite && !TrainingSet.finite(buf, o, nc)) {
						if (nonFiniteLabel < 0) throw new IllegalArgumentException(
							"the image has NaN or infinite values but the codebook has no entry for them");
						j = nonFiniteLabel;
					}
					else {
						j = nearest.label(buf, o, task.nearest);
						double e = 0;
						for (int c = 0; c < nc; c++) {
							final double d = (double) buf[o + c] - fitted[j * nc + c];
							e += d * d;
						}
						stats.sumSquaredError += e;
						stats.finiteSamples += nc;
					}
					lab[i] = j;
					stats.counts[j]++;
				}
				task.out.write(b, n, lab);
			}
			return stats;
		}, progress, "assigning labels");
	}

	/**
	 * Assignment of 8- or 16-bit unsigned grey pixels to 8-bit labels, both held in arrays, through
	 * the table of every value's label. Each task counts the values it meets (in two histograms, for
	 * alternate pixels, so that runs of one value do not wait on one counter); counts and the error
	 * follow from the summed histogram, in value order, so they do not depend on the threads. Gives
	 * the same labels and sums as the general path.
	 */
	private static List<LabelStats> assignGrey(final PixelSource source, final PixelSource target,
		final short[] table, final float[] fitted, final int size, final Progress progress)
	{
		final byte[] label = new byte[table.length];
		for (int v = 0; v < table.length; v++)
			label[v] = (byte) table[v];
		final Object[] in = source.planes(), out = target.planes();
		final long inSize = source.planeSize(), outSize = target.planeSize();
		final List<ValueHistogram> histograms = Collections.synchronizedList(new ArrayList<>());
		Chunks.map(source.size(), () -> {
			final ValueHistogram h = new ValueHistogram(table.length);
			histograms.add(h);
			return h;
		}, (h, start, len) -> {
			final long[] h0 = h.even, h1 = h.odd;
			for (long p = start, end = start + len; p < end;) {
				final Object plane = in[(int) (p / inSize)];
				final byte[] lab = (byte[]) out[(int) (p / outSize)];
				final int io = (int) (p % inSize), oo = (int) (p % outSize);
				final int n = (int) Math.min(end - p, Math.min(inSize - io, outSize - oo));
				if (plane instanceof byte[]) {
					final byte[] a = (byte[]) plane;
					int i = 0;
					for (; i + 1 < n; i += 2) {
						final int v0 = a[io + i] & 0xff, v1 = a[io + i + 1] & 0xff;
						lab[oo + i] = label[v0];
						lab[oo + i + 1] = label[v1];
						h0[v0]++;
						h1[v1]++;
					}
					if (i < n) {
						final int v = a[io + i] & 0xff;
						lab[oo + i] = label[v];
						h0[v]++;
					}
				}
				else {
					final short[] a = (short[]) plane;
					int i = 0;
					for (; i + 1 < n; i += 2) {
						final int v0 = a[io + i] & 0xffff, v1 = a[io + i + 1] & 0xffff;
						lab[oo + i] = label[v0];
						lab[oo + i + 1] = label[v1];
						h0[v0]++;
						h1[v1]++;
					}
					if (i < n) {
						final int v = a[io + i] & 0xffff;
						lab[oo + i] = label[v];
						h0[v]++;
					}
				}
				p += n;
			}
			return null;
		}, progress, "assigning labels");
		final LabelStats stats = new LabelStats(size);
		for (int v = 0; v < table.length; v++) {
			long c = 0;
			for (final ValueHistogram h : histograms)
				c += h.even[v] + h.odd[v];
			if (c == 0) continue;
			stats.counts[table[v]] += c;
			final double d = v - fitted[table[v]];
			stats.sumSquaredError += c * (d * d);
		}
		stats.finiteSamples = source.size();
		return Collections.singletonList(stats);
	}

	/** One task's counts of grey values, in two histograms for alternate pixels. */
	private static final class ValueHistogram {

		final long[] even;
		final long[] odd;

		ValueHistogram(final int values) {
			even = new long[values];
			odd = new long[values];
		}
	}

	/**
	 * Assignment of packed RGB pixels to 8-bit labels, both held in arrays: integer arithmetic only.
	 * Gives the same labels and sums as the general path.
	 */
	private static List<LabelStats> assignArgb(final PixelSource source, final PixelSource target,
		final Nearest nearest, final float[] fitted, final int size, final Progress progress)
	{
		final int nc = source.channels();
		final boolean alpha = nc == 4;
		final Object[] in = source.planes(), out = target.planes();
		final long inSize = source.planeSize(), outSize = target.planeSize();
		final int[] fr = new int[size], fg = new int[size], fb = new int[size], fa = new int[size];
		for (int j = 0; j < size; j++) {
			fr[j] = (int) fitted[j * nc];
			fg[j] = (int) fitted[j * nc + 1];
			fb[j] = (int) fitted[j * nc + 2];
			fa[j] = alpha ? (int) fitted[j * nc + 3] : 0;
		}
		return Chunks.map(source.size(), nearest::context, (ctx, start, len) -> {
			final LabelStats stats = new LabelStats(size);
			final long[] counts = stats.counts;
			long sse = 0;
			for (long p = start, end = start + len; p < end;) {
				final int[] argb = (int[]) in[(int) (p / inSize)];
				final byte[] lab = (byte[]) out[(int) (p / outSize)];
				final int io = (int) (p % inSize), oo = (int) (p % outSize);
				final int n = (int) Math.min(end - p, Math.min(inSize - io, outSize - oo));
				// a pixel equal to the one before it (flat areas) takes its label and error
				int last = 0, j = -1, e = 0;
				for (int i = 0; i < n; i++) {
					final int v = argb[io + i];
					if (v != last || j < 0) {
						j = nearest.labelOfKey(Packing.argbKey(v, alpha), ctx);
						final int dr = ((v >>> 16) & 0xff) - fr[j], dg = ((v >>> 8) & 0xff) - fg[j], db = (v & 0xff) -
							fb[j];
						e = dr * dr + dg * dg + db * db;
						if (alpha) {
							final int da = (v >>> 24) - fa[j];
							e += da * da;
						}
						last = v;
					}
					lab[oo + i] = (byte) j;
					counts[j]++;
					sse += e;
				}
				p += n;
			}
			stats.sumSquaredError = sse;
			stats.finiteSamples = len * nc;
			return stats;
		}, progress, "assigning labels");
	}

	/** One task's state of reconstruction. */
	private static final class ReconstructTask {

		final PixelSource.Reader labelReader;
		final PixelSource.Reader targetWriter;
		final float[] labels = new float[Chunks.BLOCK];
		final float[] values;

		ReconstructTask(final PixelSource labels, final PixelSource target) {
			labelReader = labels.reader();
			targetWriter = target.reader();
			values = new float[Chunks.BLOCK * target.channels()];
		}
	}

	/** See {@link KMeansQuantizer#reconstruct}. */
	static void reconstruct(final Codebook codebook, final RandomAccessibleInterval<UnsignedByteType> labels,
		final PixelSource target, final Progress progress)
	{
		final int nc = target.channels();
		if (codebook.channels() != nc) throw new IllegalArgumentException("the codebook has " + codebook
			.channels() + " channels but the target image has " + nc);
		PixelSource.requireShape("label image", labels.dimensionsAsLongArray(), "target", target.pixelDimensions());
		final int size = codebook.size();
		final float[] fitted = fitted(codebook);
		final PixelSource in = PixelSource.of(labels, -1);
		Chunks.map(in.size(), () -> new ReconstructTask(in, target), (task, start, len) -> {
			final float[] lab = task.labels;
			final float[] buf = task.values;
			for (long b = start; b < start + len; b += Chunks.BLOCK) {
				final int n = (int) Math.min(Chunks.BLOCK, start + len - b);
				task.labelReader.read(b, n, lab);
				for (int i = 0; i < n; i++) {
					final int j = (int) lab[i];
					if (j >= size) throw new IllegalArgumentException("label " + j +
						" has no entry in the codebook (it has " + size + ")");
					System.arraycopy(fitted, j * nc, buf, i * nc, nc);
				}
				task.targetWriter.write(b, n, buf);
			}
			return null;
		}, progress, "reconstructing");
	}

	/** @return every entry's {@linkplain Codebook#fitted(int, int) reconstructed values}, as floats */
	private static float[] fitted(final Codebook codebook) {
		final int size = codebook.size(), nc = codebook.channels();
		final float[] fitted = new float[size * nc];
		for (int i = 0; i < size; i++)
			for (int c = 0; c < nc; c++)
				fitted[i * nc + c] = (float) codebook.fitted(i, c);
		return fitted;
	}
}
