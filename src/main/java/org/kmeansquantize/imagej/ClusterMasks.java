package org.kmeansquantize.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

/**
 * One binary mask per codebook entry, made from a label image: 255 where a pixel has that label,
 * 0 elsewhere, so that every pixel lies in exactly one mask. For a single plane the masks are a
 * stack of one slice per entry (slice label {@code label i}); for a stack or hyperstack they are a
 * hyperstack of one channel per entry with the label image's slices, frames and calibration,
 * whose planes are computed from the label image when they are viewed or saved: the masks never
 * take more memory than one plane per entry beside the label image. Stateless.
 */
public final class ClusterMasks {

	/** Suffix of the masks image's title after the input's short title. */
	public static final String SUFFIX = "-masks";

	private ClusterMasks() {}

	/**
	 * @param labels an 8-bit label image (one channel, slices and frames); not modified, and read
	 *          (not copied) for as long as the masks are used
	 * @param entries the number of codebook entries, 1..256
	 * @param title the masks image's title
	 * @return the masks: 8-bit, 0/255, grey LUT, display range 0..255
	 */
	public static ImagePlus of(final ImagePlus labels, final int entries, final String title) {
		final int nz = labels.getNSlices(), nt = labels.getNFrames();
		final ImagePlus masks;
		if (nz * nt == 1) {
			final ImageStack stack = new ImageStack(labels.getWidth(), labels.getHeight());
			final byte[] plane = (byte[]) labels.getStack().getPixels(1);
			for (int e = 0; e < entries; e++)
				stack.addSlice(sliceLabel(e), mask(plane, e));
			masks = new ImagePlus(title, stack);
			masks.setDimensions(1, entries, 1);
		}
		else {
			masks = new ImagePlus(title, new MaskStack(labels.getStack(), entries));
			masks.setDimensions(entries, nz, nt);
			masks.setOpenAsHyperStack(true);
		}
		final Calibration cal = labels.getCalibration().copy();
		cal.disableDensityCalibration();
		masks.setCalibration(cal);
		masks.setDisplayRange(0, 255);
		return masks;
	}

	/** @return the slice label of entry {@code e}'s mask, e.g. {@code label 3} */
	static String sliceLabel(final int e) {
		return "label " + e;
	}

	/** @return a new 0/255 plane: 255 where {@code labels} holds {@code entry} */
	static byte[] mask(final byte[] labels, final int entry) {
		final byte[] m = new byte[labels.length];
		for (int i = 0; i < labels.length; i++)
			if ((labels[i] & 0xff) == entry) m[i] = (byte) 255;
		return m;
	}

	/**
	 * The masks of a label stack, one channel per entry, computed plane by plane from the labels
	 * (ImageJ's order: channel fastest, then slice, then frame).
	 */
	private static final class MaskStack extends VirtualStack {

		private final ImageStack labels;
		private final int entries;

		MaskStack(final ImageStack labels, final int entries) {
			super(labels.getWidth(), labels.getHeight(), null, null);
			this.labels = labels;
			this.entries = entries;
		}

		@Override
		public int getSize() {
			return labels.getSize() * entries;
		}

		@Override
		public int getBitDepth() {
			return 8;
		}

		@Override
		public Object getPixels(final int n) {
			return getProcessor(n).getPixels();
		}

		@Override
		public ImageProcessor getProcessor(final int n) {
			final int plane = (n - 1) / entries, entry = (n - 1) % entries;
			final byte[] l = (byte[]) labels.getPixels(plane + 1);
			return new ByteProcessor(getWidth(), getHeight(), mask(l, entry));
		}

		@Override
		public String getSliceLabel(final int n) {
			return sliceLabel((n - 1) % entries);
		}

		/** Ignored: masks are computed from the labels. */
		@Override
		public void setPixels(final Object pixels, final int n) {}
	}
}
