package org.kmeansquantize.imagej;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collections;
import java.util.List;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.gui.Roi;
import ij.io.FileInfo;
import ij.macro.Interpreter;
import ij.io.TiffDecoder;
import ij.measure.ResultsTable;
import ij.plugin.frame.RoiManager;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

import org.kmeansquantize.core.Assignment;
import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.labelfile.CodebookFormat;
import org.kmeansquantize.labelfile.CodebookLut;
import org.kmeansquantize.labelfile.LabelLut;
import org.kmeansquantize.core.FewerEntries;
import org.kmeansquantize.io.ImagePlusPixels;
import org.kmeansquantize.io.TiffStructure;
import org.kmeansquantize.core.ErrorDiffusion;
import org.kmeansquantize.core.KMeansQuantizer;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.core.TrainedCodebook;
import org.kmeansquantize.core.SampleRange;

/**
 * The three operations of the Fiji and ImageJ 1 front ends on {@link ImagePlus} images, shared by
 * the SciJava commands and the ImageJ 1 plugins so that both run the same code: quantize an image
 * (train, label, optionally reconstruct), apply a codebook to another image, and reconstruct an
 * image from labels. It also names what both front ends show: menu labels, the extra macro keys
 * beside {@link QuantizeSettings}'s, and the codebook table's title.
 * <p>
 * A label image carries its codebook (with the pixel count of every label) in its {@code "Info"}
 * property as {@link CodebookFormat} text; ImageJ saves that property in TIFF files, so a saved
 * label TIFF is a codebook source too. Nothing here shows a window: {@link Result#show()} does,
 * when the front end decides to. Methods are stateless; the images they create belong to the
 * caller; their inputs are not modified.
 * </p>
 */
public final class ImagePlusQuantizer {

	/** Menu of all four commands, in ImageJ 1 {@code plugins.config} and SciJava form. */
	public static final String MENU = "Plugins>Quantize";
	/** Menu label (and macro command name) of quantization. */
	public static final String LABEL_QUANTIZE = "K-means";
	/** Menu label of applying a codebook. */
	public static final String LABEL_APPLY = "Apply codebook";
	/** Menu label of reconstruction. */
	public static final String LABEL_RECONSTRUCT = "Reconstruct";
	/** Title of the codebook table window. */
	public static final String TABLE_TITLE = "K-means codebook";
	/** The {@link ImagePlus} property that holds a label image's codebook text. */
	public static final String INFO_PROPERTY = "Info";
	/** Suffix of a label image's title after its input's short title. */
	public static final String LABELS_SUFFIX = "-labels";
	/** Suffix of a reconstruction's title. */
	public static final String RECONSTRUCTED_SUFFIX = "-reconstructed";

	/** Macro key: train on the area ROI only. */
	public static final String KEY_ROI = "roi";
	/** Macro key: also make the reconstruction. */
	public static final String KEY_RECONSTRUCT = "reconstruct";
	/** Macro key: where the codebook comes from (an open image's title or a file). */
	public static final String KEY_CODEBOOK = "codebook";
	/** Macro key: the label image's LUT, {@code auto}, {@code codebook} or {@code distinct} ({@link LabelLut}). */
	public static final String KEY_LUT = "lut";
	/** Macro key: also make one 0/255 mask per codebook entry. */
	public static final String KEY_MASKS = "masks";
	/** Macro key: also put one selection per codebook entry (and plane) into the ROI Manager. */
	public static final String KEY_ROIS = "rois";
	/** Macro key: also make the table {@value ClusterTable#TITLE}. */
	public static final String KEY_MEASURE = "measure";
	/** Macro key: use a codebook that does not fit the image (other channels, type or range). */
	public static final String KEY_FORCE = "force";
	/** Description of {@link #KEY_LUT}. */
	public static final String DESCRIBE_LUT = "How the label image shows its labels: 'codebook' (each entry as the input shows it), 'distinct' (maximally distinct colours, label 0 black) or 'auto' (codebook for RGB input, distinct for every other type).";
	/** Description of {@link #KEY_MASKS}. */
	public static final String DESCRIBE_MASKS = "Also make '<title>-masks': one 8-bit 0/255 mask per codebook entry (a slice each for one plane, a channel each for stacks).";
	/** Description of {@link #KEY_ROIS}. */
	public static final String DESCRIBE_ROIS = "Also add one selection per codebook entry (per plane for stacks) to the ROI Manager, named by its label.";
	/** Description of {@link #KEY_MEASURE}. */
	public static final String DESCRIBE_MEASURE = "Also make the table 'K-means clusters': per entry its pixel count, area or volume, share and every channel's mean, sd, min and max.";
	/** Description of {@link #KEY_FORCE}. */
	public static final String DESCRIBE_FORCE = "Use the codebook even if its channels, value type or range do not fit the image (normally refused).";
	/** Description of {@link #KEY_ROI}. */
	public static final String DESCRIBE_ROI = "Train on the pixels inside the image's area selection (ROI) only; every pixel is still labelled.";
	/** Description of {@link #KEY_RECONSTRUCT}. */
	public static final String DESCRIBE_RECONSTRUCT = "Also make the reconstructed image: every pixel replaced by its codebook entry, in the input's type.";
	/** Description of {@link #KEY_CODEBOOK} for applying a codebook. */
	public static final String DESCRIBE_CODEBOOK = "The codebook: the title of an open label image made by K-means, the path of a label TIFF saved from one, or the path of a codebook text file.";
	/** Description of {@link #KEY_CODEBOOK} for reconstruction. */
	public static final String DESCRIBE_CODEBOOK_RECONSTRUCT = "The codebook: empty for the label image's own; else the title of an open label image, a label TIFF or a codebook text file.";

	/**
	 * Every macro key of {@value #LABEL_QUANTIZE}, in the order the dialogs show them: what users
	 * set first, then the outputs, then the engine's internals.
	 */
	public static final List<String> QUANTIZE_KEYS = List.of(QuantizeSettings.KEY_COLORS,
		QuantizeSettings.KEY_SEED, QuantizeSettings.KEY_SPACE, QuantizeSettings.KEY_SCALING,
		QuantizeSettings.KEY_DITHER, KEY_LUT, KEY_ROI, KEY_RECONSTRUCT,
		ImagePlusPalette.KEY_PALETTE, KEY_MASKS, KEY_ROIS, KEY_MEASURE, QuantizeSettings.KEY_BATCH,
		QuantizeSettings.KEY_ITERATIONS, QuantizeSettings.KEY_REFINE, QuantizeSettings.KEY_TOLERANCE);
	/** The values of {@link #KEY_LUT}, the first the default. */
	public static final List<String> LUT_CHOICES = List.of(LabelLut.keys());
	/** Every macro key of {@value #LABEL_APPLY}. */
	public static final List<String> APPLY_KEYS = List.of(KEY_CODEBOOK, KEY_FORCE);
	/** Every macro key of {@value #LABEL_RECONSTRUCT}. */
	public static final List<String> RECONSTRUCT_KEYS = List.of(KEY_CODEBOOK, KEY_FORCE);

	private ImagePlusQuantizer() {}

	/**
	 * Learns a codebook from an image and labels every pixel with it.
	 *
	 * @param settings the engine settings
	 * @param imp an 8-, 16-, 32-bit or RGB image, stack or hyperstack; not modified
	 * @param roiOnly train on the image's area ROI only
	 * @param reconstruct also make the reconstruction (the input's type and layout)
	 * @param progress progress and cancellation
	 * @return the label image (codebook LUT and Info), the table, the codebook with the label
	 *         counts, the reconstruction if asked for, and a note if the codebook has fewer entries
	 *         than {@code settings.colors()}
	 * @throws IllegalArgumentException with a one-line message for an image or ROI that cannot be
	 *           quantized
	 * @throws java.util.concurrent.CancellationException if cancelled; nothing half-made escapes
	 */
	public static Result quantize(final QuantizeSettings settings, final ImagePlus imp, final boolean roiOnly,
		final boolean reconstruct, final Progress progress)
	{
		return quantize(settings, imp, LabelOutputs.NONE.withRoiOnly(roiOnly).withReconstruct(reconstruct),
			progress);
	}

	/**
	 * Learns a codebook from an image, labels every pixel with it and makes the outputs asked for.
	 *
	 * @param settings the engine settings
	 * @param imp an 8-, 16-, 32-bit or RGB image, stack or hyperstack; not modified
	 * @param outputs what to make beside the label image and the table, the LUT, and whether to
	 *          train on the area ROI only
	 * @param progress progress and cancellation
	 * @return the label image, the table, the codebook with the label counts, and what
	 *         {@code outputs} asks for; a note if the codebook has fewer entries than
	 *         {@code settings.colors()}
	 * @throws IllegalArgumentException with a one-line message for an image or ROI that cannot be
	 *           quantized
	 * @throws java.util.concurrent.CancellationException if cancelled; nothing half-made escapes
	 */
	public static Result quantize(final QuantizeSettings settings, final ImagePlus imp, final LabelOutputs outputs,
		final Progress progress)
	{
		final PixelSource source = ImagePlusPixels.pixels(imp);
		RandomAccessibleInterval<BitType> mask = null;
		if (outputs.roiOnly()) {
			mask = ImagePlusAdapter.roiMask(imp);
			if (mask == null) throw new IllegalArgumentException(KEY_ROI +
				" is set but the image has no area selection");
		}
		final TrainedCodebook learned = KMeansQuantizer.learn(settings, source, mask, progress);
		final Codebook trained = learned.codebook();
		final Result labelled = label(trained, settings.dither() ? null : learned, source, imp, outputs.lut(),
			settings.dither(), settings.space(), progress);
		final String note = FewerEntries.note(trained, settings.colors(), source, mask);
		ImagePlus out = null;
		if (outputs.reconstruct()) {
			out = ImagePlusAdapter.newLike(imp, imp.getShortTitle() + RECONSTRUCTED_SUFFIX);
			KMeansQuantizer.reconstruct(labelled.codebook, ImagePlusAdapter.labelPixels(labelled.labels),
				ImagePlusPixels.pixels(out), progress);
		}
		final ImagePlus labels = labelled.labels;
		final int k = labelled.codebook.size();
		final ImagePlus masks = outputs.masks() ? ClusterMasks.of(labels, k, imp.getShortTitle() +
			ClusterMasks.SUFFIX) : null;
		final List<Roi> rois = outputs.rois() ? ClusterRois.of(labels, k, imp.getNDimensions() > 3, progress) : null;
		final ResultsTable clusters = outputs.measure() ? ClusterTable.measure(labels, imp, labelled.codebook,
			progress) : null;
		return new Result(labels, labelled.table, labelled.codebook, labelled.assignment, out, note, masks, rois,
			clusters);
	}

	/**
	 * Labels every pixel of an image with an existing codebook.
	 *
	 * @param codebook the codebook, e.g. from {@link #readCodebook(String)}
	 * @param imp an image with as many values per pixel as the codebook has channels; not modified
	 * @param progress progress and cancellation
	 * @return the label image and the table (counts of this image); no reconstruction
	 * @throws IllegalArgumentException if the image does not fit the codebook
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static Result apply(final Codebook codebook, final ImagePlus imp, final Progress progress) {
		return apply(codebook, imp, false, progress);
	}

	/**
	 * Labels every pixel of an image with an existing codebook, after checking that the codebook
	 * fits the image ({@link CodebookFit}).
	 *
	 * @param codebook the codebook, e.g. from {@link #readCodebook(String)}
	 * @param imp the image; not modified
	 * @param force label even with a codebook of other channels, value type or range
	 * @param progress progress and cancellation
	 * @return the label image and the table (counts of this image); no reconstruction
	 * @throws IllegalArgumentException with a one-line message if the codebook does not fit and
	 *           {@code force} is false
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static Result apply(final Codebook codebook, final ImagePlus imp, final boolean force,
		final Progress progress)
	{
		final PixelSource source = ImagePlusPixels.pixels(imp);
		CodebookFit.check(codebook, source.channels(), source.range(), "'" + imp.getTitle() + "'", force);
		return label(codebook, null, source, imp, LabelLut.AUTO, false, ColourSpace.RGB, progress);
	}

	/**
	 * Rebuilds an image from labels: an RGB image for a codebook of 3 channels in 0..255 (what RGB
	 * input gives), else an 8-, 16- or 32-bit image chosen by the codebook's value range (integers
	 * in 0..255, integers in 0..65535, anything else), as a composite hyperstack when the codebook
	 * has several channels. Display ranges span the codebook's values.
	 *
	 * @param codebook the codebook the labels refer to
	 * @param labels an 8-bit label image of one channel; not modified
	 * @param progress progress and cancellation
	 * @return the reconstruction, titled after the label image, with its calibration
	 * @throws IllegalArgumentException if a label has no codebook entry or the image is no label image
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static ImagePlus reconstruct(final Codebook codebook, final ImagePlus labels, final Progress progress) {
		final RandomAccessibleInterval<UnsignedByteType> pixels = ImagePlusAdapter.labelPixels(labels);
		String base = labels.getShortTitle();
		if (base.endsWith(LABELS_SUFFIX)) base = base.substring(0, base.length() - LABELS_SUFFIX.length());
		final ImagePlus out = ImagePlusAdapter.newReconstruction(codebook, labels, base + RECONSTRUCTED_SUFFIX);
		KMeansQuantizer.reconstruct(codebook, pixels, ImagePlusPixels.pixels(out), progress);
		return out;
	}

	/**
	 * @param labels a label image made by {@link #quantize} or {@link #apply}, or read from a TIFF
	 *          saved from one
	 * @return the codebook in its {@value #INFO_PROPERTY} property
	 * @throws IllegalArgumentException if it holds none
	 */
	public static Codebook codebookOf(final ImagePlus labels) {
		if (!hasCodebook(labels)) throw new IllegalArgumentException("'" + labels.getTitle() +
			"' holds no k-means codebook: it is not a label image made by " + LABEL_QUANTIZE);
		return CodebookFormat.parse((String) labels.getProperty(INFO_PROPERTY));
	}

	/**
	 * @param imp an image
	 * @return whether its {@value #INFO_PROPERTY} property holds a codebook block
	 */
	public static boolean hasCodebook(final ImagePlus imp) {
		final Object info = imp.getProperty(INFO_PROPERTY);
		return info instanceof String && ((String) info).contains(CodebookFormat.MAGIC);
	}

	/**
	 * Finds a codebook: first an open image of that title (see {@link #codebookOf}), then a file: a
	 * TIFF whose ImageJ Info holds a codebook (a saved label image), or a codebook text file.
	 *
	 * @param source an image title or a file path
	 * @return the codebook
	 * @throws IllegalArgumentException with a one-line message if there is none
	 */
	public static Codebook readCodebook(final String source) {
		if (source == null || source.trim().isEmpty()) throw new IllegalArgumentException(
			"no codebook given: name an open label image, a label TIFF or a codebook file");
		final String s = source.trim();
		final ImagePlus open = WindowManager.getImage(s);
		if (open != null) return codebookOf(open);
		final File file = new File(s);
		if (!file.isFile()) throw new IllegalArgumentException("codebook '" + s +
			"' is neither an open image nor a file");
		try {
			if (!isTiff(file) && file.length() > CodebookFormat.MAX_TEXT) throw new IOException("a codebook file of " +
				file.length() + " bytes, more than the " + CodebookFormat.MAX_TEXT + " allowed");
			final String text = isTiff(file) ? tiffInfo(file) : new String(Files.readAllBytes(file.toPath()),
				StandardCharsets.UTF_8);
			if (text == null || !text.contains(CodebookFormat.MAGIC)) throw new IllegalArgumentException(
				"no k-means codebook in " + file.getName());
			try {
				return CodebookFormat.parse(text);
			}
			catch (final IllegalArgumentException e) {
				throw new IllegalArgumentException("codebook " + file + ": " + e.getMessage());
			}
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("cannot read codebook " + file.getName() + ": " + e.getMessage());
		}
	}

	/**
	 * The codebook a reconstruction uses: the label image's own, or one named by the user.
	 *
	 * @param labels a label image
	 * @param source null or blank for the label image's own codebook, else as for
	 *          {@link #readCodebook(String)}
	 * @return the codebook
	 * @throws IllegalArgumentException with a one-line message if there is none
	 */
	public static Codebook codebookFor(final ImagePlus labels, final String source) {
		return codebookFor(labels, source, true);
	}

	/**
	 * The codebook a reconstruction uses, checked against the label image's own: a named codebook
	 * must have its channels, value type and range ({@link CodebookFit}), unless {@code force}.
	 *
	 * @param labels a label image
	 * @param source null or blank for the label image's own codebook, else as for
	 *          {@link #readCodebook(String)}
	 * @param force accept a named codebook of another value type or range than the label image's own
	 * @return the codebook
	 * @throws IllegalArgumentException with a one-line message if there is none or it does not fit
	 */
	public static Codebook codebookFor(final ImagePlus labels, final String source, final boolean force) {
		if (source == null || source.trim().isEmpty()) return codebookOf(labels);
		final Codebook named = readCodebook(source);
		if (!force && hasCodebook(labels)) {
			final Codebook own = codebookOf(labels);
			CodebookFit.check(named, own.channels(), own.range(), "the codebook of '" + labels.getTitle() + "'",
				false);
		}
		return named;
	}

	/**
	 * Shows an image under a title no open image has: its own, or with a {@code -1},
	 * {@code -2}, ... suffix as ImageJ's Duplicate gives, so that a second run does not make a second
	 * window of the same title.
	 *
	 * @param imp an image not yet shown; its title may change
	 */
	public static void showUnique(final ImagePlus imp) {
		final String title = imp.getTitle();
		String unique = title;
		for (int i = 1; WindowManager.getImage(unique) != null; i++)
			unique = title + "-" + i;
		imp.setTitle(unique);
		imp.show();
	}

	/** @param learned the codebook as learned from {@code source}, for labelling without dithering; or null */
	private static Result label(final Codebook codebook, final TrainedCodebook learned, final PixelSource source,
		final ImagePlus imp, final LabelLut lut, final boolean dither, final ColourSpace space, final Progress progress)
	{
		final ImagePlus labels = ImagePlusAdapter.newLabelImage(imp, imp.getShortTitle() + LABELS_SUFFIX);
		final RandomAccessibleInterval<UnsignedByteType> pixels = ImagePlusAdapter.labelPixels(labels);
		final Assignment assignment = learned != null ? learned.assign(pixels, progress) : space == ColourSpace.LAB
			? KMeansQuantizer.assign(codebook, source, pixels, space, progress) : ErrorDiffusion.label(dither, codebook,
				source, pixels, progress);
		final Codebook counted = codebook.withCounts(assignment.counts());
		CodebookLut.applyLut(labels, counted, imp, lut);
		labels.setProperty(INFO_PROPERTY, CodebookFormat.format(counted));
		return new Result(labels, ImagePlusAdapter.table(counted, imp), counted, assignment, null, null, null, null,
			null);
	}

	private static boolean isTiff(final File file) throws IOException {
		final byte[] head = new byte[4];
		try (InputStream in = Files.newInputStream(file.toPath())) {
			if (in.read(head) != 4) return false;
		}
		return head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0 || head[0] == 'M' &&
			head[1] == 'M' && head[2] == 0 && head[3] == 42;
	}

	private static String tiffInfo(final File file) throws IOException {
		// ImageJ's decoder trusts the file's structure: walk it first
		TiffStructure.read(file.toPath());
		final FileInfo[] fi = new TiffDecoder(file.getParent() == null ? "" : file.getParent() + File.separator,
			file.getName()).getTiffInfo();
		return fi == null || fi.length == 0 ? null : fi[0].info;
	}

	/** What one run made; immutable references to images the caller now owns. */
	public static final class Result {

		private final ImagePlus labels;
		private final ResultsTable table;
		private final Codebook codebook;
		private final Assignment assignment;
		private final ImagePlus reconstruction;
		private final String note;
		private final ImagePlus masks;
		private final List<Roi> rois;
		private final ResultsTable clusters;

		private Result(final ImagePlus labels, final ResultsTable table, final Codebook codebook,
			final Assignment assignment, final ImagePlus reconstruction, final String note, final ImagePlus masks,
			final List<Roi> rois, final ResultsTable clusters)
		{
			this.masks = masks;
			this.rois = rois == null ? null : Collections.unmodifiableList(rois);
			this.clusters = clusters;
			this.labels = labels;
			this.table = table;
			this.codebook = codebook;
			this.assignment = assignment;
			this.reconstruction = reconstruction;
			this.note = note;
		}

		/** @return the 8-bit label image, LUT = codebook, Info = codebook text */
		public ImagePlus labels() {
			return labels;
		}

		/** @return one row per codebook entry: label, count, values in input units */
		public ResultsTable table() {
			return table;
		}

		/** @return the codebook, its counts the pixels per label of {@link #labels()} */
		public Codebook codebook() {
			return codebook;
		}

		/** @return the assignment's counts and error */
		public Assignment assignment() {
			return assignment;
		}

		/** @return the reconstruction, or null if none was asked for */
		public ImagePlus reconstruction() {
			return reconstruction;
		}

		/**
		 * @return for {@link ImagePlusQuantizer#quantize}, if the codebook has fewer entries than
		 *         asked for (a valid result), one line that says so and why, e.g. {@code the image
		 *         has only 3 distinct values; 3 of 16 entries used}, for the front end to show;
		 *         otherwise null
		 */
		public String note() {
			return note;
		}

		/** @return the masks image ({@link ClusterMasks}), or null if none was asked for */
		public ImagePlus masks() {
			return masks;
		}

		/** @return the selections ({@link ClusterRois}), or null if none were asked for */
		public List<Roi> rois() {
			return rois;
		}

		/** @return the table {@value ClusterTable#TITLE}, or null if none was asked for */
		public ResultsTable clusters() {
			return clusters;
		}

		/**
		 * Shows the reconstruction and the masks (if any), then the label image (so that it becomes
		 * the current image, also in batch mode) and the tables {@value ImagePlusQuantizer#TABLE_TITLE}
		 * and {@value ClusterTable#TITLE}, and adds the selections to the ROI Manager (the batch-mode
		 * one in batch mode). Every image gets a title no open image has ({@link #showUnique}). Not in a headless JVM, where ImageJ cannot show tables
		 * or the ROI Manager.
		 */
		public void show() {
			for (final ImagePlus imp : new ImagePlus[] { reconstruction, masks, labels })
				if (imp != null) showUnique(imp);
			table.show(TABLE_TITLE);
			if (clusters != null) clusters.show(ClusterTable.TITLE);
			if (rois != null) {
				// a batch-mode macro reads its hidden manager, which getRoiManager() does not return
				RoiManager manager = Interpreter.isBatchMode() ? Interpreter.getBatchModeRoiManager() : null;
				if (manager == null) manager = RoiManager.getRoiManager();
				for (final Roi roi : rois)
					manager.addRoi(roi);
			}
		}
	}
}
