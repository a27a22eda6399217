package org.kmeansquantize.imagej;

import org.kmeansquantize.labelfile.LabelLut;

/**
 * What K-means makes beside the label image and its codebook table, and how the label image
 * shows its labels: the values of the macro keys {@value ImagePlusQuantizer#KEY_ROI},
 * {@value ImagePlusQuantizer#KEY_LUT}, {@value ImagePlusQuantizer#KEY_RECONSTRUCT},
 * {@value ImagePlusQuantizer#KEY_MASKS}, {@value ImagePlusQuantizer#KEY_ROIS} and
 * {@value ImagePlusQuantizer#KEY_MEASURE}. Immutable; the "with" methods return changed copies.
 */
public final class LabelOutputs {

	/** Nothing beyond the label image and the codebook table; LUT {@link LabelLut#AUTO}; train on all pixels. */
	public static final LabelOutputs NONE = new LabelOutputs(false, LabelLut.AUTO, false, false, false, false);

	private final boolean roiOnly;
	private final LabelLut lut;
	private final boolean reconstruct;
	private final boolean masks;
	private final boolean rois;
	private final boolean measure;

	private LabelOutputs(final boolean roiOnly, final LabelLut lut, final boolean reconstruct, final boolean masks,
		final boolean rois, final boolean measure)
	{
		if (lut == null) throw new IllegalArgumentException(ImagePlusQuantizer.KEY_LUT + " must be given");
		this.roiOnly = roiOnly;
		this.lut = lut;
		this.reconstruct = reconstruct;
		this.masks = masks;
		this.rois = rois;
		this.measure = measure;
	}

	/** @param on train on the area selection only @return a copy with that */
	public LabelOutputs withRoiOnly(final boolean on) {
		return new LabelOutputs(on, lut, reconstruct, masks, rois, measure);
	}

	/**
	 * @param key the label image's LUT as a macro value ({@code auto}, {@code codebook}, {@code distinct})
	 * @return a copy with that
	 * @throws IllegalArgumentException with a one-line message for another value
	 */
	public LabelOutputs withLut(final String key) {
		return withLut(LabelLut.parse(key));
	}

	/** @param l the label image's LUT @return a copy with that */
	public LabelOutputs withLut(final LabelLut l) {
		return new LabelOutputs(roiOnly, l, reconstruct, masks, rois, measure);
	}

	/** @param on also make the reconstruction @return a copy with that */
	public LabelOutputs withReconstruct(final boolean on) {
		return new LabelOutputs(roiOnly, lut, on, masks, rois, measure);
	}

	/** @param on also make one mask per entry @return a copy with that */
	public LabelOutputs withMasks(final boolean on) {
		return new LabelOutputs(roiOnly, lut, reconstruct, on, rois, measure);
	}

	/** @param on also make one selection per entry (and plane) @return a copy with that */
	public LabelOutputs withRois(final boolean on) {
		return new LabelOutputs(roiOnly, lut, reconstruct, masks, on, measure);
	}

	/** @param on also measure every entry @return a copy with that */
	public LabelOutputs withMeasure(final boolean on) {
		return new LabelOutputs(roiOnly, lut, reconstruct, masks, rois, on);
	}

	/** @return whether to train on the area selection only */
	public boolean roiOnly() {
		return roiOnly;
	}

	/** @return the label image's LUT ({@link LabelLut#AUTO} resolved by the input's type) */
	public LabelLut lut() {
		return lut;
	}

	/** @return the label image's LUT as a macro value, e.g. {@code distinct} */
	public String lutKey() {
		return lut.key();
	}

	/** @return whether to make the reconstruction */
	public boolean reconstruct() {
		return reconstruct;
	}

	/** @return whether to make the masks image */
	public boolean masks() {
		return masks;
	}

	/** @return whether to make the selections */
	public boolean rois() {
		return rois;
	}

	/** @return whether to make the clusters table */
	public boolean measure() {
		return measure;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof LabelOutputs)) return false;
		final LabelOutputs x = (LabelOutputs) o;
		return roiOnly == x.roiOnly && lut == x.lut && reconstruct == x.reconstruct && masks == x.masks &&
			rois == x.rois && measure == x.measure;
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(roiOnly, lut, reconstruct, masks, rois, measure);
	}
}
