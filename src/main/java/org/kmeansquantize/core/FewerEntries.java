package org.kmeansquantize.core;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.view.Views;

/**
 * What to tell the user when a codebook has fewer entries than asked for: a valid result (an
 * image of 3 grey levels quantized to 16 entries needs 3), but one that a user who asked for 16
 * should hear about, with its reason. The reason is established, not guessed: the training
 * pixels' distinct values are counted (up to one more than the entries learned, so the count
 * stops early on images with many values), which costs one more pass over the pixels, made only
 * when there are fewer entries than asked for. Stateless and thread-safe.
 */
public final class FewerEntries {

	private static final int BLOCK = 4096;

	private FewerEntries() {}

	/**
	 * @param codebook the codebook trained on {@code pixels}
	 * @param colors the number of entries asked for
	 * @param pixels the image's pixels
	 * @param mask the training mask (true: trained on) over the pixels, or null for all pixels
	 * @return null if the codebook has {@code colors} learned entries; else one line such as
	 *         {@code the image has only 3 distinct values; 3 of 16 entries used}
	 */
	public static String note(final Codebook codebook, final int colors, final PixelSource pixels,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask)
	{
		final int learned = codebook.centres();
		if (learned >= colors) return null;
		final String where = mask == null ? "image" : "selection";
		final boolean nonFinite = codebook.hasNonFiniteEntry();
		final String plus = nonFinite ? ", and one more for its NaN and infinite pixels" : "";
		final long distinct = countUpTo(pixels, mask, learned);
		if (distinct <= learned) return "the " + where + " has only " + distinct + " distinct " + (nonFinite
			? "finite " : "") + (distinct == 1 ? "value" : "values") + "; " + learned + " of " + colors +
			" entries used" + plus;
		if (nonFinite && learned == QuantizeSettings.MAX_COLORS - 1) return learned + " of " + colors +
			" entries learned: the last label holds the image's NaN and infinite pixels";
		return "k-means left " + (colors - learned) + " of " + colors + " entries empty; " + learned + " used" +
			plus;
	}

	/**
	 * @param pixels an image's pixels
	 * @param mask which pixels count (true), or null for all
	 * @param limit the largest count of interest
	 * @return the number of distinct finite pixel values (all channels equal; -0 equals 0) among the
	 *         pixels that count, if at most {@code limit}; else {@code limit + 1}
	 */
	static long countUpTo(final PixelSource pixels, final RandomAccessibleInterval<? extends BooleanType<?>> mask,
		final int limit)
	{
		final int nc = pixels.channels();
		final boolean checkFinite = !pixels.range().isInteger();
		final PixelSource.Reader reader = pixels.reader();
		final Cursor<? extends BooleanType<?>> inMask = mask == null ? null : Views.flatIterable(mask).cursor();
		final float[] buf = new float[BLOCK * nc];
		final float[] values = new float[(limit + 1) * nc];
		// open addressing: slot holds 1 + the index of a value, 0 when free; at most a quarter full
		final int[] slots = new int[Integer.highestOneBit(4 * (limit + 1)) << 1];
		int found = 0, last = -1;
		for (long start = 0; start < pixels.size(); start += BLOCK) {
			final int n = (int) Math.min(BLOCK, pixels.size() - start);
			reader.read(start, n, buf);
			for (int i = 0; i < n; i++) {
				if (inMask != null && !inMask.next().get()) continue;
				final int o = i * nc;
				if (checkFinite && !TrainingSet.finite(buf, o, nc)) continue;
				if (last >= 0 && same(buf, o, values, last * nc, nc)) continue;
				int slot = hash(buf, o, nc) & (slots.length - 1);
				while (slots[slot] != 0 && !same(buf, o, values, (slots[slot] - 1) * nc, nc))
					slot = (slot + 1) & (slots.length - 1);
				if (slots[slot] == 0) {
					if (found == limit) return limit + 1L;
					System.arraycopy(buf, o, values, found * nc, nc);
					slots[slot] = ++found;
				}
				last = slots[slot] - 1;
			}
		}
		return found;
	}

	/** Equal values in every channel ({@code ==}: -0 equals 0). */
	private static boolean same(final float[] a, final int oa, final float[] b, final int ob, final int nc) {
		for (int c = 0; c < nc; c++)
			if (a[oa + c] != b[ob + c]) return false;
		return true;
	}

	private static int hash(final float[] v, final int o, final int nc) {
		int h = 1;
		for (int c = 0; c < nc; c++)
			h = 31 * h + Float.floatToIntBits(v[o + c] == 0 ? 0f : v[o + c]);
		h *= 0x9e3779b9;
		return h ^ (h >>> 16);
	}
}
