package org.kmeansquantize.labelfile;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.Planes;

/**
 * What a label file holds: one 8-bit label per pixel, the codebook the labels index, and the
 * layout of the image they stand for. Label files (label PNG and label TIFF) embed
 * {@link #metadata()}: the {@linkplain ImageLayout#format() layout block} followed by the
 * {@linkplain CodebookFormat#format(Codebook) codebook block}, both version 1.
 * <p>
 * The label planes are shared with the caller, not copied.
 * </p>
 */
public final class LabelImage {

	private final ImageLayout layout;
	private final Codebook codebook;
	private final byte[][] planes;

	/**
	 * @param layout the layout of the image the labels stand for
	 * @param codebook the codebook; one value per {@link ImageLayout#valuesPerPixel()}
	 * @param planes {@link ImageLayout#labelPlanes()} planes of width&times;height labels (shared)
	 * @throws IllegalArgumentException if the parts do not fit together
	 */
	public LabelImage(final ImageLayout layout, final Codebook codebook, final byte[][] planes) {
		if (codebook.channels() != layout.valuesPerPixel()) throw new IllegalArgumentException("the codebook has " +
			codebook.channels() + " values per entry but a " + layout.describe() + " image has " + layout
				.valuesPerPixel());
		if (planes.length != layout.labelPlanes()) throw new IllegalArgumentException("the label image has " +
			planes.length + " planes but the layout needs " + layout.labelPlanes());
		for (final byte[] p : planes)
			if (p.length != layout.width() * layout.height()) throw new IllegalArgumentException(
				"a label plane has " + p.length + " pixels, not " + layout.width() + "x" + layout.height());
		this.layout = layout;
		this.codebook = codebook;
		this.planes = planes.clone();
	}

	/**
	 * @param metadata text holding a layout block and a codebook block, as written by
	 *          {@link #metadata()}
	 * @param planes the label planes (shared)
	 * @return the label image
	 * @throws IllegalArgumentException if a block is missing or malformed, or they do not fit the planes
	 */
	public static LabelImage of(final String metadata, final byte[][] planes) {
		if (metadata.length() > CodebookFormat.MAX_TEXT) throw new IllegalArgumentException("its k-means metadata has " +
			metadata.length() + " characters, more than the " + CodebookFormat.MAX_TEXT + " allowed");
		return new LabelImage(ImageLayout.parse(metadata), CodebookFormat.parse(metadata), planes);
	}

	/**
	 * Allocates zero labels for an image.
	 *
	 * @param layout the image's layout
	 * @param codebook its codebook
	 * @return a label image whose planes are to be filled, e.g. by assignment through {@link #labels()}
	 */
	public static LabelImage allocate(final ImageLayout layout, final Codebook codebook) {
		final byte[][] p = new byte[layout.labelPlanes()][layout.width() * layout.height()];
		return new LabelImage(layout, codebook, p);
	}

	/** @return the layout of the image the labels stand for */
	public ImageLayout layout() {
		return layout;
	}

	/** @return the codebook */
	public Codebook codebook() {
		return codebook;
	}

	/** @return the number of label planes */
	public int planeCount() {
		return planes.length;
	}

	/**
	 * @param i plane index in stack order (slice fastest, then frame)
	 * @return its labels, row by row (shared)
	 */
	public byte[] plane(final int i) {
		return planes[i];
	}

	/** @return the labels over {@link ImageLayout#pixelDimensions()}, backed by the planes */
	public RandomAccessibleInterval<UnsignedByteType> labels() {
		return Planes.labels(planes, layout);
	}

	/** @return the number of distinct labels in the planes */
	public int usedLabels() {
		final boolean[] seen = new boolean[256];
		int n = 0;
		for (final byte[] p : planes)
			for (final byte b : p)
				if (!seen[b & 0xff]) {
					seen[b & 0xff] = true;
					n++;
				}
		return n;
	}

	/** @return the layout block followed by the codebook block */
	public String metadata() {
		return layout.format() + CodebookFormat.format(codebook);
	}

	/**
	 * The colour each label stands for, for palettes and LUTs made without an ImageJ image: one
	 * channel (and two: grey and alpha) as grey, three or more as red, green, blue (and alpha);
	 * 16-bit values scaled to 8 bits; the non-finite entry black.
	 *
	 * @return {@code [4][codebook.size()]}: red, green, blue, alpha
	 */
	public byte[][] colours() {
		final int n = codebook.size(), nc = codebook.channels();
		final byte[][] rgba = new byte[4][n];
		for (int i = 0; i < n; i++) {
			if (i == codebook.nonFiniteLabel()) {
				rgba[3][i] = (byte) 0xff;
				continue;
			}
			final boolean grey = nc < 3;
			for (int c = 0; c < 3; c++)
				rgba[c][i] = eight(grey ? 0 : c, i);
			rgba[3][i] = nc == 2 || nc == 4 ? eight(nc - 1, i) : (byte) 0xff;
		}
		return rgba;
	}

	private byte eight(final int channel, final int entry) {
		final double v = codebook.fitted(entry, channel);
		final double scaled = layout.type() == ImageLayout.Type.GRAY16 ? v / 257 : v;
		return (byte) (int) Math.max(0, Math.min(255, Math.round(scaled)));
	}
}
