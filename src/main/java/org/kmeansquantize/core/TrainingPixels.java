package org.kmeansquantize.core;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;

/**
 * The training pixels of an image, prepared for k-means: as distinct values with counts where the
 * values pack into keys and there are at most {@link TrainingSet#DISTINCT_LIMIT} of them, else
 * streamed from the image; scaled by the channel scaling of the training pixels. Also counts the
 * pixels with a NaN or infinite value, which are left out.
 */
final class TrainingPixels {

	/** The training set, in scaled space. */
	final TrainingSet set;

	/** Pixels with a NaN or infinite value (in the mask or not). */
	final long nonFinite;

	private TrainingPixels(final TrainingSet set, final long nonFinite) {
		this.set = set;
		this.nonFinite = nonFinite;
	}

	/**
	 * @param scaling the channel scaling
	 * @param source the image
	 * @param mask the training pixels, or null for all
	 * @param progress progress and cancellation
	 * @return the prepared pixels
	 */
	static TrainingPixels prepare(final ChannelScaling scaling, final PixelSource source,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Progress progress)
	{
		final int nc = source.channels();
		final Packing packing = Packing.of(source.range(), nc);
		if (packing != null) {
			final DistinctValues.Counted d = DistinctValues.count(source, mask, packing, progress);
			if (d != null) return new TrainingPixels(distinctSet(scaling, packing, nc, d.table), d.nonFinite);
		}
		// statistics pass: training count, non-finite count, per-channel sums
		final boolean checkFinite = !source.range().isInteger();
		final List<BlockStats> parts = Chunks.map(source.size(), () -> new PixelBlocks(source, mask), (blocks, start,
			len) -> {
			final float[] buf = blocks.values;
			final BlockStats s = new BlockStats(nc);
			final ChannelMoments m = s.moments;
			for (long b = start; b < start + len; b += Chunks.BLOCK) {
				final int n = (int) Math.min(Chunks.BLOCK, start + len - b);
				blocks.read(b, n);
				for (int i = 0; i < n; i++) {
					final int o = i * nc;
					if (checkFinite && !TrainingSet.finite(buf, o, nc)) {
						s.nonFinite++;
						continue;
					}
					if (!blocks.inMask(i)) continue;
					m.count++;
					for (int c = 0; c < nc; c++) {
						m.sum[c] += buf[o + c];
						m.sumOfSquares[c] += (double) buf[o + c] * buf[o + c];
					}
				}
			}
			return s;
		}, progress, "reading");
		final ChannelMoments total = new ChannelMoments(nc);
		long nonFinite = 0;
		for (final BlockStats s : parts) {
			total.add(s.moments);
			nonFinite += s.nonFinite;
		}
		return new TrainingPixels(new TrainingSet.Streamed(source, mask, (long) total.count, total.offset(scaling),
			total.scale(scaling)), nonFinite);
	}

	/** What the statistics pass counted over some pixels. */
	private static final class BlockStats {

		final ChannelMoments moments;
		long nonFinite;

		BlockStats(final int nc) {
			moments = new ChannelMoments(nc);
		}
	}

	/** The training set of distinct values (keys ascending) and their counts. */
	private static TrainingSet.Distinct distinctSet(final ChannelScaling scaling, final Packing packing,
		final int nc, final DistinctTable table)
	{
		final long[] keys = table.keys, counts = table.counts;
		final int d = keys.length;
		final float[] values = new float[d * nc];
		for (int i = 0; i < d; i++)
			packing.unpack(keys[i], values, i * nc);
		final ChannelMoments m = new ChannelMoments(nc);
		// only standardizing moves the values: the default scaling needs neither the moments nor a pass
		if (scaling != ChannelScaling.STANDARDIZE) return new TrainingSet.Distinct(nc, m.offset(scaling), m.scale(
			scaling), keys, values, counts);
		for (int i = 0; i < d; i++) {
			m.count += counts[i];
			for (int c = 0; c < nc; c++) {
				final double v = values[i * nc + c];
				m.sum[c] += counts[i] * v;
				m.sumOfSquares[c] += counts[i] * v * v;
			}
		}
		final double[] offset = m.offset(scaling), scale = m.scale(scaling);
		for (int i = 0; i < d; i++)
			for (int c = 0; c < nc; c++)
				values[i * nc + c] = (float) ((values[i * nc + c] - offset[c]) * scale[c]);
		return new TrainingSet.Distinct(nc, offset, scale, keys, values, counts);
	}
}
