package org.kmeansquantize.imagej;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import ij.process.LUT;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

import org.kmeansquantize.core.Assignment;
import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.labelfile.CodebookLut;
import org.kmeansquantize.io.ImagePlusPixels;
import org.kmeansquantize.core.KMeansQuantizer;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.SampleRange;

/**
 * ImageJ 1 images seen by the core. An {@link ImagePlus} of w&times;h pixels with C channels, Z
 * slices and T frames is wrapped, without copying, as pixels over (x, y, z, t) with C values each
 * (RGB: 3 values; 8-, 16- and 32-bit: one value per channel); one codebook serves all planes. Label
 * images are 8-bit stacks over the same (x, y, z, t) whose LUT is the codebook.
 */
public final class ImagePlusAdapter {

	private ImagePlusAdapter() {}

	/**
	 * A label image whose planes are computed only when asked for (by a viewer or by
	 * {@code FileSaver}, which writes a virtual stack plane by plane): labels of an image larger than
	 * memory, written to disk without ever being held together. Each plane is assigned from the
	 * input's planes at that slice and frame.
	 *
	 * @param input the quantized image (typically a virtual stack)
	 * @param codebook its codebook
	 * @param title the label image's title
	 * @param dither whether each plane is labelled with error diffusion
	 *          ({@link org.kmeansquantize.core.ErrorDiffusion}), as the whole image would be (RGB
	 *          space only)
	 * @param space where distances to the codebook's entries are measured ({@link ColourSpace#LAB}:
	 *          nearest entries in Lab)
	 * @return an 8-bit virtual stack over the input's slices and frames, with the codebook LUT
	 */
	public static ImagePlus lazyLabelImage(final ImagePlus input, final Codebook codebook, final String title,
		final boolean dither, final ColourSpace space)
	{
		final LabelStack stack = new LabelStack(input, codebook, dither, space);
		final int nz = input.getType() == ImagePlus.COLOR_RGB ? input.getNSlices() * input.getNChannels() : input
			.getNSlices();
		final ImagePlus labels = new ImagePlus(title, stack);
		labels.setDimensions(1, nz, input.getNFrames());
		labels.setCalibration(input.getCalibration().copy());
		CodebookLut.applyLut(labels, codebook, input);
		return labels;
	}

	/** Label planes computed on demand from the input's planes; see {@link #lazyLabelImage}. */
	public static final class LabelStack extends ij.VirtualStack {

		private final ImagePlus input;
		private final Codebook codebook;
		private final boolean dither;
		private final ColourSpace space;
		private final int channelsPerPlane;
		private final long[] counts;
		private final boolean[] counted;
		private double sse;
		private long samples;

		LabelStack(final ImagePlus input, final Codebook codebook, final boolean dither, final ColourSpace space) {
			super(input.getWidth(), input.getHeight(), null, null);
			this.input = input;
			this.codebook = codebook;
			this.dither = dither;
			this.space = space;
			this.channelsPerPlane = input.getType() == ImagePlus.COLOR_RGB ? 1 : input.getNChannels();
			this.counts = new long[codebook.size()];
			this.counted = new boolean[getSize()];
		}

		@Override
		public int getSize() {
			return input.getStackSize() / channelsPerPlane;
		}

		@Override
		public Object getPixels(final int n) {
			return getProcessor(n).getPixels();
		}

		@Override
		public ImageProcessor getProcessor(final int n) {
			final int w = input.getWidth(), h = input.getHeight();
			final byte[] out = new byte[w * h];
			final ImageStack in = input.getStack();
			final int first = (n - 1) * channelsPerPlane;
			final Object[] p = new Object[channelsPerPlane];
			for (int c = 0; c < channelsPerPlane; c++)
				p[c] = in.getPixels(first + c + 1);
			final boolean rgb = input.getType() == ImagePlus.COLOR_RGB;
			final PixelSource plane = PixelSource.ofPlanes(rgb ? new long[] { w, h } : new long[] { w, h,
				channelsPerPlane }, rgb ? -1 : 2, ImagePlusPixels.pixelType(input.getType()), false, p);
			final org.kmeansquantize.core.Assignment a = space == ColourSpace.LAB ? KMeansQuantizer.assign(codebook,
				plane, ArrayImgs.unsignedBytes(out, w, h), space, org.kmeansquantize.core.Progress.NONE)
				: org.kmeansquantize.core.ErrorDiffusion.label(dither, codebook, plane, ArrayImgs.unsignedBytes(out, w,
					h), org.kmeansquantize.core.Progress.NONE);
			synchronized (this) {
				if (counted[n - 1]) return processor(out, w, h);
				counted[n - 1] = true;
				final long[] c = a.counts();
				for (int i = 0; i < c.length; i++)
					counts[i] += c[i];
				sse += a.sumSquaredError();
				samples += a.finiteSamples();
			}
			return processor(out, w, h);
		}

		private ImageProcessor processor(final byte[] labels, final int w, final int h) {
			final ij.process.ByteProcessor bp = new ij.process.ByteProcessor(w, h, labels);
			bp.setColorModel(getColorModel());
			return bp;
		}

		@Override
		public String getSliceLabel(final int n) {
			return null;
		}

		/** Ignored: label planes are computed from the input (ImageJ writes displayed planes back). */
		@Override
		public void setPixels(final Object pixels, final int n) {}

		/** @return pixels per label over the planes computed so far, each plane counted once */
		public synchronized long[] counts() {
			return counts.clone();
		}

		/** @return mean squared error over the planes computed so far, NaN if none */
		public synchronized double mse() {
			return samples == 0 ? Double.NaN : sse / samples;
		}
	}

	/**
	 * A reconstruction whose planes are computed only when asked for (by {@code FileSaver}, which
	 * writes a virtual stack plane by plane): the image a label stack larger than memory stands for.
	 *
	 * @param labels 8-bit labels over (x, y, z, t), typically a virtual stack
	 * @param codebook the codebook the labels index
	 * @param rgb whether the values are red, green, blue (packed RGB planes); else one plane per channel
	 * @param bitDepth 8, 16 or 32 for grey channels
	 * @return a virtual stack of channels &times; slices &times; frames planes (slices &times; frames for RGB)
	 */
	public static ImageStack lazyReconstruction(final ImagePlus labels, final Codebook codebook,
		final boolean rgb, final int bitDepth)
	{
		return new ReconstructionStack(labels.getStack(), codebook, rgb, bitDepth);
	}

	/** Planes of a reconstruction computed on demand; see {@link #lazyReconstruction}. */
	private static final class ReconstructionStack extends ij.VirtualStack {

		private final ImageStack labels;
		private final int nc;
		private final boolean rgb;
		private final int bitDepth;
		private final double[][] values;
		private final int entries;
		private int cachedPlane = -1;
		private byte[] cached;

		ReconstructionStack(final ImageStack labels, final Codebook codebook, final boolean rgb,
			final int bitDepth)
		{
			super(labels.getWidth(), labels.getHeight(), null, null);
			this.labels = labels;
			this.nc = rgb ? 1 : codebook.channels();
			this.rgb = rgb;
			this.bitDepth = bitDepth;
			entries = codebook.size();
			values = new double[codebook.channels()][256];
			for (int c = 0; c < codebook.channels(); c++)
				for (int i = 0; i < codebook.size(); i++)
					values[c][i] = codebook.fitted(i, c);
		}

		@Override
		public int getSize() {
			return labels.getSize() * nc;
		}

		@Override
		public int getBitDepth() {
			return rgb ? 24 : bitDepth;
		}

		@Override
		public Object getPixels(final int n) {
			return getProcessor(n).getPixels();
		}

		@Override
		public synchronized ImageProcessor getProcessor(final int n) {
			final int plane = (n - 1) / nc, c = (n - 1) % nc;
			if (plane != cachedPlane) {
				cached = (byte[]) labels.getPixels(plane + 1);
				cachedPlane = plane;
				for (final byte b : cached)
					if ((b & 0xff) >= entries) throw new IllegalArgumentException("label " + (b & 0xff) +
						" has no entry in the codebook (it has " + entries + ")");
			}
			final int w = getWidth(), h = getHeight(), size = w * h;
			if (rgb) {
				final int[] px = new int[size];
				for (int i = 0; i < size; i++) {
					final int j = cached[i] & 0xff;
					px[i] = 0xff000000 | (int) values[0][j] << 16 | (int) values[1][j] << 8 | (int) values[2][j];
				}
				return new ij.process.ColorProcessor(w, h, px);
			}
			final double[] v = values[c];
			switch (bitDepth) {
				case 8: {
					final byte[] px = new byte[size];
					for (int i = 0; i < size; i++)
						px[i] = (byte) (int) v[cached[i] & 0xff];
					return new ij.process.ByteProcessor(w, h, px);
				}
				case 16: {
					final short[] px = new short[size];
					for (int i = 0; i < size; i++)
						px[i] = (short) (int) v[cached[i] & 0xff];
					return new ij.process.ShortProcessor(w, h, px, null);
				}
				default: {
					final float[] px = new float[size];
					for (int i = 0; i < size; i++)
						px[i] = (float) v[cached[i] & 0xff];
					return new ij.process.FloatProcessor(w, h, px);
				}
			}
		}

		@Override
		public String getSliceLabel(final int n) {
			return null;
		}

		/** Ignored: planes are computed from the labels. */
		@Override
		public void setPixels(final Object pixels, final int n) {}
	}

	/**
	 * @param imp the image, for its size and layout
	 * @param title the label image's title
	 * @return an empty 8-bit label stack with one plane per slice and frame (no LUT yet), with the
	 *         image's spatial and time calibration but no intensity calibration
	 */
	public static ImagePlus newLabelImage(final ImagePlus imp, final String title) {
		final int nz = imp.getType() == ImagePlus.COLOR_RGB ? imp.getNSlices() * imp.getNChannels() : imp
			.getNSlices();
		final int nt = imp.getNFrames();
		final ImageStack stack = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int i = 0; i < nz * nt; i++)
			stack.addSlice(null, new byte[imp.getWidth() * imp.getHeight()]);
		final ImagePlus labels = new ImagePlus(title, stack);
		labels.setDimensions(1, nz, nt);
		if (nz * nt > 1) labels.setOpenAsHyperStack(nt > 1 && nz > 1);
		final Calibration cal = imp.getCalibration().copy();
		// labels are indices: an intensity calibration of the input would misreport them
		cal.disableDensityCalibration();
		labels.setCalibration(cal);
		return labels;
	}

	/**
	 * @param labels an 8-bit image or stack made by {@link #newLabelImage}
	 * @return its planes over (x, y, z, t), shared, not copied
	 */
	public static RandomAccessibleInterval<UnsignedByteType> labelPixels(final ImagePlus labels) {
		if (labels.getType() != ImagePlus.GRAY8 && labels.getType() != ImagePlus.COLOR_256)
			throw new IllegalArgumentException("a label image must be 8-bit");
		if (labels.getNChannels() != 1) throw new IllegalArgumentException("a label image has one channel, not " +
			labels.getNChannels());
		final ImageStack stack = labels.getStack();
		final List<ByteArray> list = new ArrayList<>();
		for (int i = 1; i <= stack.getSize(); i++)
			list.add(new ByteArray((byte[]) stack.getPixels(i)));
		final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(list, new long[] { labels.getWidth(),
			labels.getHeight(), labels.getNSlices(), labels.getNFrames() }, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	/**
	 * @param codebook the codebook
	 * @param input the quantized image, for channel names
	 * @param title the table's title
	 * @return a table with one row per entry: label, pixel count, one column per channel in input units
	 */
	public static ResultsTable table(final Codebook codebook, final ImagePlus input) {
		final ResultsTable rt = new ResultsTable();
		final String[] names = channelNames(input, codebook.channels());
		for (int i = 0; i < codebook.size(); i++) {
			rt.incrementCounter();
			rt.addValue("label", i);
			rt.addValue("count", codebook.count(i));
			for (int c = 0; c < names.length; c++)
				rt.addValue(names[c], codebook.value(i, c));
		}
		// entries of integer images are sixteenths of a unit: four decimals show them exactly
		if (codebook.range().isInteger()) for (final String n : names)
			rt.setDecimalPlaces(rt.getColumnIndex(n), 4);
		return rt;
	}

	/**
	 * @param input an image
	 * @param nc its values per pixel
	 * @return column names: red, green, blue for RGB; value for one channel; C1, C2, ... otherwise
	 */
	public static String[] channelNames(final ImagePlus input, final int nc) {
		if (input != null && input.getType() == ImagePlus.COLOR_RGB && nc == 3) return new String[] { "red", "green",
			"blue" };
		if (nc == 1) return new String[] { "value" };
		final String[] n = new String[nc];
		for (int c = 0; c < nc; c++)
			n[c] = "C" + (c + 1);
		return n;
	}

	/**
	 * @param template an image whose type and layout to copy
	 * @param title the new image's title
	 * @return an empty image of the same type, size, channels, slices, frames and calibration
	 */
	public static ImagePlus newLike(final ImagePlus template, final String title) {
		final ImageStack src = template.getStack();
		final ImageStack stack = new ImageStack(template.getWidth(), template.getHeight());
		for (int i = 1; i <= src.getSize(); i++)
			stack.addSlice(src.getSliceLabel(i), src.getProcessor(i).createProcessor(template.getWidth(), template
				.getHeight()));
		ImagePlus out = new ImagePlus(title, stack);
		out.setDimensions(template.getNChannels(), template.getNSlices(), template.getNFrames());
		if (template.isComposite()) {
			out = new CompositeImage(out, ((CompositeImage) template).getMode());
			((CompositeImage) out).setLuts(((CompositeImage) template).getLuts());
		}
		else if (template.getType() != ImagePlus.COLOR_RGB) out.getProcessor().setLut(template.getProcessor()
			.getLut());
		out.setCalibration(template.getCalibration().copy());
		out.setDisplayRange(template.getDisplayRangeMin(), template.getDisplayRangeMax());
		if (template.isHyperStack()) out.setOpenAsHyperStack(true);
		return out;
	}

	/**
	 * @param imp an image
	 * @return a training mask over (x, y, z, t) from the image's area ROI (the same in every plane),
	 *         or null if it has no area ROI
	 */
	public static RandomAccessibleInterval<BitType> roiMask(final ImagePlus imp) {
		final Roi roi = imp.getRoi();
		if (roi == null || !roi.isArea()) return null;
		final int w = imp.getWidth(), h = imp.getHeight();
		final ArrayImg<BitType, ?> mask = ArrayImgs.bits(w, h);
		final net.imglib2.RandomAccess<BitType> ra = mask.randomAccess();
		final Rectangle r = roi.getBounds();
		final ImageProcessor m = roi.getMask();
		for (int y = Math.max(0, r.y); y < Math.min(h, r.y + r.height); y++)
			for (int x = Math.max(0, r.x); x < Math.min(w, r.x + r.width); x++) {
				if (m != null && m.get(x - r.x, y - r.y) == 0) continue;
				ra.setPosition(x, 0);
				ra.setPosition(y, 1);
				ra.get().set(true);
			}
		final int nz = imp.getType() == ImagePlus.COLOR_RGB ? imp.getNSlices() * imp.getNChannels() : imp
			.getNSlices();
		return Views.interval(Views.addDimension(Views.addDimension(mask)), new long[] { 0, 0, 0, 0 }, new long[] {
			w - 1, h - 1, nz - 1, imp.getNFrames() - 1 });
	}

	/**
	 * @param codebook a codebook
	 * @param labels a label image, for its size, slices, frames and calibration
	 * @param title the new image's title
	 * @return an empty image for the codebook's values over the label image's (x, y, z, t): RGB for
	 *         3 channels of 0..255, else 8-, 16- or 32-bit by the codebook's range, a composite for
	 *         several channels; display ranges span the codebook's values
	 */
	static ImagePlus newReconstruction(final Codebook codebook, final ImagePlus labels, final String title) {
		final int w = labels.getWidth(), h = labels.getHeight();
		final int nc = codebook.channels(), nz = labels.getNSlices(), nt = labels.getNFrames();
		final SampleRange r = codebook.range();
		final boolean rgb = nc == 3 && SampleRange.UINT8.equals(r);
		final int planeChannels = rgb ? 1 : nc;
		final int bits = rgb ? 24 : r.isInteger() && r.min() >= 0 && r.max() <= 255 ? 8 : r.isInteger() && r
			.min() >= 0 && r.max() <= 65535 ? 16 : 32;
		final ImageStack stack = new ImageStack(w, h);
		for (int i = 0; i < planeChannels * nz * nt; i++)
			stack.addSlice(null, plane(bits, w, h));
		ImagePlus out = new ImagePlus(title, stack);
		out.setDimensions(planeChannels, nz, nt);
		if (planeChannels > 1) {
			out.setOpenAsHyperStack(true);
			out = new CompositeImage(out, IJ.COMPOSITE);
			for (int c = 0; c < nc; c++) {
				out.setC(c + 1);
				setRange(out, codebook, c);
			}
			out.setC(1);
		}
		else {
			if (nz > 1 && nt > 1) out.setOpenAsHyperStack(true);
			if (!rgb) setRange(out, codebook, 0);
		}
		out.setCalibration(labels.getCalibration().copy());
		return out;
	}

	private static ImageProcessor plane(final int bits, final int w, final int h) {
		switch (bits) {
			case 8:
				return new ByteProcessor(w, h);
			case 16:
				return new ShortProcessor(w, h);
			case 24:
				return new ColorProcessor(w, h);
			default:
				return new FloatProcessor(w, h);
		}
	}

	/** Display range of the current channel: the span of its codebook values (8-bit: 0..255). */
	private static void setRange(final ImagePlus imp, final Codebook codebook, final int c) {
		if (imp.getBitDepth() == 8) return;
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < codebook.size(); i++) {
			final double v = codebook.fitted(i, c);
			if (Double.isNaN(v)) continue;
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		if (min > max) return;
		if (min == max) imp.setDisplayRange(min - 1, max + 1);
		else imp.setDisplayRange(min, max);
	}
}
