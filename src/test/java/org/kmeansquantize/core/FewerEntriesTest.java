package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.imglib2.Cursor;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.BitType;

import org.junit.jupiter.api.Test;

/** The note on a codebook with fewer entries than asked for, and the count of distinct values behind it. */
class FewerEntriesTest {

	@Test
	void distinctValuesAreCountedUpToOneMoreThanTheLimit() {
		final float[] v = { 1, 2, 2, 1, 3, -0f, 0, Float.NaN, Float.POSITIVE_INFINITY, 3, 2, 1 };
		final PixelSource grey = PixelSource.of(ArrayImgs.floats(v, 4, 3), -1);
		assertEquals(4, FewerEntries.countUpTo(grey, null, 10), "1, 2, 3 and 0 (= -0); NaN and infinity do not count");
		assertEquals(4, FewerEntries.countUpTo(grey, null, 4));
		assertEquals(4, FewerEntries.countUpTo(grey, null, 3), "more than 3");
		final ArrayImg<BitType, ?> mask = ArrayImgs.bits(4, 3);
		final Cursor<BitType> c = mask.cursor();
		for (int i = 0; c.hasNext(); i++)
			c.next().set(i < 4 || i == 7);
		assertEquals(2, FewerEntries.countUpTo(grey, mask, 10), "1 and 2 in the mask; NaN does not count");
		// two channels: (1, 5) (1, 6) (2, 5) are three values although each channel has two
		final PixelSource pairs = PixelSource.of(ArrayImgs.unsignedBytes(new byte[] { 1, 1, 2, 1, 5, 6, 5, 5 }, 4,
			2), 1);
		assertEquals(3, FewerEntries.countUpTo(pairs, null, 256));
		final byte[] many = new byte[100_000];
		for (int i = 0; i < many.length; i++)
			many[i] = (byte) (i * 7919 % 256);
		assertEquals(256, FewerEntries.countUpTo(PixelSource.of(ArrayImgs.unsignedBytes(many, many.length), -1),
			null, 255));
		assertEquals(256, FewerEntries.countUpTo(PixelSource.of(ArrayImgs.unsignedBytes(many, many.length), -1),
			null, 256));
	}

	@Test
	void theNoteSaysWhyThereAreFewerEntries() {
		final PixelSource three = PixelSource.of(ArrayImgs.unsignedBytes(new byte[] { 10, 20, 30, 20 }, 2, 2), -1);
		assertNull(FewerEntries.note(codebook(3, false), 3, three, null));
		assertEquals("the image has only 3 distinct values; 3 of 16 entries used", FewerEntries.note(codebook(3,
			false), 16, three, null));
		final PixelSource one = PixelSource.of(ArrayImgs.unsignedBytes(new byte[] { 7, 7 }, 2), -1);
		assertEquals("the image has only 1 distinct value; 1 of 2 entries used", FewerEntries.note(codebook(1, false),
			2, one, null));
		final ArrayImg<BitType, ?> first = ArrayImgs.bits(2, 2);
		first.firstElement().set(true);
		assertEquals("the selection has only 1 distinct value; 1 of 4 entries used", FewerEntries.note(codebook(1,
			false), 4, three, first));
		final PixelSource nan = PixelSource.of(ArrayImgs.floats(new float[] { 1, Float.NaN, 2, 1 }, 4), -1);
		assertEquals("the image has only 2 distinct finite values; 2 of 8 entries used, and one more for its NaN " +
			"and infinite pixels", FewerEntries.note(codebook(2, true), 8, nan, null));
		assertEquals("k-means left 2 of 4 entries empty; 2 used", FewerEntries.note(codebook(2, false), 4, three,
			null));
		final float[] ramp = new float[300];
		for (int i = 0; i < ramp.length; i++)
			ramp[i] = i == 0 ? Float.NaN : i;
		assertEquals("255 of 256 entries learned: the last label holds the image's NaN and infinite pixels",
			FewerEntries.note(codebook(255, true), 256, PixelSource.of(ArrayImgs.floats(ramp, 300), -1), null));
	}

	/** A one-channel codebook of {@code learned} entries, plus the non-finite entry if asked. */
	private static Codebook codebook(final int learned, final boolean nonFinite) {
		final int n = learned + (nonFinite ? 1 : 0);
		final double[][] values = new double[n][1];
		for (int i = 0; i < learned; i++)
			values[i][0] = i;
		if (nonFinite) values[learned][0] = Double.NaN;
		return new Codebook(values, new long[n], nonFinite ? SampleRange.FLOAT32 : SampleRange.UINT8, nonFinite);
	}
}
