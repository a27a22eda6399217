package org.kmeansquantize.command;

import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;

import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.kmeansquantize.core.ChannelScaling;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.imagej.ClusterTable;
import org.kmeansquantize.imagej.ImagePlusPalette;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.imagej.LabelOutputs;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * Plugins &gt; Quantize &gt; K-means: learns a codebook of at most {@code colors} colours or
 * intensity levels from an image and labels every pixel with it. Outputs the 8-bit label image
 * (same x, y, z, t and calibration, one channel, the codebook as LUT, display range 0..255, the
 * codebook text in its Info), the table {@value ImagePlusQuantizer#TABLE_TITLE} and, if asked, the
 * reconstruction in the input's type and the palette (an RGB image titled {@code <title> palette}). A codebook with fewer entries than {@code colors} (an image
 * of fewer distinct values) is a valid result, and the log, the status bar and ImageJ's Log window
 * say so.
 * <p>
 * Field names are the macro keys, e.g.
 * {@code run("K-means", "colors=8 seed=1 reconstruct=true")}. No option is remembered between
 * runs: a macro's result depends only on what it says.
 * </p>
 */
@Plugin(type = Command.class, headless = true, menuPath = ImagePlusQuantizer.MENU + ">" +
	ImagePlusQuantizer.LABEL_QUANTIZE)
public class KMeansCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "Image", description = "The image to quantize: 8-, 16-, 32-bit or RGB, stack or hyperstack.")
	private ImagePlus imp;

	@Parameter(label = "Colors (k)", description = QuantizeSettings.DESCRIBE_COLORS, min = "" +
		QuantizeSettings.MIN_COLORS, max = "" + QuantizeSettings.MAX_COLORS, persist = false)
	private int colors = QuantizeSettings.DEFAULT_COLORS;

	@Parameter(label = "Seed", description = QuantizeSettings.DESCRIBE_SEED, min = "" + Long.MIN_VALUE, max = "" +
		Long.MAX_VALUE, persist = false)
	private long seed = QuantizeSettings.DEFAULT_SEED;

	@Parameter(label = "Colour space", description = QuantizeSettings.DESCRIBE_SPACE, choices = { "rgb", "lab" },
		persist = false)
	private String space = "rgb";

	@Parameter(label = "Channel scaling", description = QuantizeSettings.DESCRIBE_SCALING, choices = { "none",
		"standardize" }, persist = false)
	private String scaling = "none";

	@Parameter(label = "Dither", description = QuantizeSettings.DESCRIBE_DITHER, persist = false)
	private boolean dither;

	@Parameter(label = "Label LUT", description = ImagePlusQuantizer.DESCRIBE_LUT, choices = { "auto", "codebook",
		"distinct" }, persist = false)
	private String lut = "auto";

	@Parameter(label = "Train on ROI only", description = ImagePlusQuantizer.DESCRIBE_ROI, persist = false)
	private boolean roi;

	@Parameter(label = "Reconstruct", description = ImagePlusQuantizer.DESCRIBE_RECONSTRUCT, persist = false)
	private boolean reconstruct;

	@Parameter(label = "Show palette", description = ImagePlusPalette.DESCRIBE_PALETTE, persist = false)
	private boolean palette;

	@Parameter(label = "Masks (one per cluster)", description = ImagePlusQuantizer.DESCRIBE_MASKS, persist = false)
	private boolean masks;

	@Parameter(label = "ROIs (ROI Manager)", description = ImagePlusQuantizer.DESCRIBE_ROIS, persist = false)
	private boolean rois;

	@Parameter(label = "Measure clusters", description = ImagePlusQuantizer.DESCRIBE_MEASURE, persist = false)
	private boolean measure;

	@Parameter(visibility = ItemVisibility.MESSAGE, persist = false, required = false)
	private final String engine = "Engine (the defaults suit most images):";

	@Parameter(label = "Mini-batch size", description = QuantizeSettings.DESCRIBE_BATCH, min = "" +
		QuantizeSettings.MIN_BATCH, max = "" + QuantizeSettings.MAX_BATCH, persist = false)
	private int batch = QuantizeSettings.DEFAULT_BATCH;

	@Parameter(label = "Mini-batch iterations", description = QuantizeSettings.DESCRIBE_ITERATIONS, min = "0",
		max = "" + QuantizeSettings.MAX_ITERATIONS, persist = false)
	private int iterations = QuantizeSettings.DEFAULT_ITERATIONS;

	@Parameter(label = "Refinement passes", description = QuantizeSettings.DESCRIBE_REFINE, min = "0", max = "" +
		QuantizeSettings.MAX_REFINE, persist = false)
	private int refine = QuantizeSettings.DEFAULT_REFINE;

	@Parameter(label = "Tolerance", description = QuantizeSettings.DESCRIBE_TOLERANCE, min = "0", max = "1",
		style = "format:0.0##E0", persist = false)
	private double tolerance = QuantizeSettings.DEFAULT_TOLERANCE;

	@Parameter(type = ItemIO.OUTPUT, label = "Labels")
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = ImagePlusQuantizer.TABLE_TITLE)
	private ResultsTable table;

	@Parameter(type = ItemIO.OUTPUT, label = "Reconstruction")
	private ImagePlus reconstruction;

	@Parameter(type = ItemIO.OUTPUT, label = "Palette")
	private ImagePlus paletteImage;

	@Parameter(type = ItemIO.OUTPUT, label = "Masks")
	private ImagePlus maskImage;

	@Parameter(type = ItemIO.OUTPUT, label = ClusterTable.TITLE)
	private ResultsTable clusters;

	/** The selections of {@code rois}, for callers of the module (ImageJ shows them in the ROI Manager). */
	List<Roi> selections;

	@Override
	public void run() {
		CommandSupport.unknownKeys(log, ImagePlusQuantizer.LABEL_QUANTIZE, ImagePlusQuantizer.QUANTIZE_KEYS);
		CommandSupport.run(this, status, log, ImagePlusQuantizer.LABEL_QUANTIZE, imp, progress -> ImagePlusQuantizer
			.quantize(settings(), imp, outputs(), progress), this::use);
	}

	/** Sets the outputs from a result, and shows them where ImageJ does not. */
	private void use(final ImagePlusQuantizer.Result result) {
		final ImagePlus swatches = palette ? ImagePlusPalette.of(imp, result) : null;
		CommandSupport.note(status, log, ImagePlusQuantizer.LABEL_QUANTIZE, result.note());
		labels = result.labels();
		table = result.table();
		reconstruction = result.reconstruction();
		maskImage = result.masks();
		clusters = result.clusters();
		selections = result.rois();
		paletteImage = swatches;
		if (CommandSupport.mayShow()) {
			// the palette first, so that the label image stays the current image
			if (paletteImage != null) paletteImage.show();
			result.show();
		}
	}

	/**
	 * @return the outputs and LUT from this command's inputs
	 * @throws IllegalArgumentException with a one-line message for an unknown LUT
	 */
	LabelOutputs outputs() {
		return LabelOutputs.NONE.withRoiOnly(roi).withLut(lut).withReconstruct(reconstruct)
			.withMasks(masks).withRois(rois).withMeasure(measure);
	}

	/**
	 * @return the engine settings from this command's inputs
	 * @throws IllegalArgumentException with a one-line message if one is out of range
	 */
	QuantizeSettings settings() {
		return QuantizeSettings.builder().colors(colors).seed(seed).batch(batch).iterations(iterations).refine(
			refine).tolerance(tolerance).scaling(ChannelScaling.parse(scaling)).dither(dither)
			.space(ColourSpace.parse(space))
			.build();
	}
}
