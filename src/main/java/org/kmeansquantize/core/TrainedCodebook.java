package org.kmeansquantize.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * A codebook just learned from an image ({@link KMeansQuantizer#learn}), with what training
 * gathered that labelling the same image can use: for an 8-bit RGB image trained on all its
 * pixels, its distinct colours (and the k-d tree of them, if the training built one, and their hash
 * table, which training builds beside its own work). Labelling
 * then searches the nearest entry once per distinct colour and looks every pixel up in a table of
 * colours ({@link DistinctLabelling}): a 2-megapixel photo has about a hundred thousand distinct
 * colours. The labels and sums are those of
 * {@link KMeansQuantizer#assign(Codebook, PixelSource, RandomAccessibleInterval, ColourSpace, Progress)}.
 * The gathered values are released after the first labelling; later ones take the general path.
 */
public final class TrainedCodebook {

	private final Codebook codebook;
	private final PixelSource source;
	private final ColourSpace space;
	private TrainingSet.Distinct distinct;
	private FilteringLloyd tree;
	private DistinctLabelling.ColourIndex index;

	/**
	 * @param distinct the image's distinct colours, or null
	 * @param tree their k-d tree, or null
	 * @param index their hash table ({@link DistinctLabelling#index}), or null
	 */
	TrainedCodebook(final Codebook codebook, final PixelSource source, final ColourSpace space,
		final TrainingSet.Distinct distinct, final FilteringLloyd tree, final DistinctLabelling.ColourIndex index)
	{
		this.codebook = codebook;
		this.source = source;
		this.space = space;
		this.distinct = distinct;
		this.tree = tree;
		this.index = index;
	}

	/** @return the codebook */
	public Codebook codebook() {
		return codebook;
	}

	/**
	 * Writes the label of every pixel of the image the codebook was learned from, as
	 * {@link KMeansQuantizer#assign(Codebook, PixelSource, RandomAccessibleInterval, ColourSpace, Progress)}
	 * in the settings' colour space.
	 *
	 * @param labels written: one label per pixel, over the image's pixel dimensions
	 * @param progress progress and cancellation
	 * @return pixels per label and the reconstruction error
	 * @throws IllegalArgumentException if the label image does not match the image
	 * @throws java.util.concurrent.CancellationException if cancelled (labels are then partly written)
	 */
	public Assignment assign(final RandomAccessibleInterval<UnsignedByteType> labels, final Progress progress) {
		final TrainingSet.Distinct set = distinct;
		final FilteringLloyd t = tree;
		final DistinctLabelling.ColourIndex ix = index;
		distinct = null;
		tree = null;
		index = null;
		if (set != null && DistinctLabelling.applies(codebook, set, source, labels)) return DistinctLabelling.assign(
			codebook, set, t, ix, source, labels, progress);
		return KMeansQuantizer.assign(codebook, source, labels, space, progress);
	}
}
