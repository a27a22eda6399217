package org.kmeansquantize.command;

import java.nio.file.Paths;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.kmeansquantize.imagej.ImagePlusCurve;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.core.QuantizeSettings;

/**
 * Plugins &gt; Quantize &gt; K-means quality curve: how well the image is quantized with k = 2 to
 * 256 entries ({@link org.kmeansquantize.core.QualityCurve}): a plot of PSNR against k on a
 * logarithmic axis with the knee and the target PSNR marked, the table
 * {@value ImagePlusCurve#TABLE_TITLE} (k, mse, psnr, knee, target), and optionally the CSV.
 * <p>
 * Field names are the macro keys, e.g.
 * {@code run("K-means quality curve", "seed=1 target_psnr=35 csv=[/data/curve.csv]")}. No option is
 * remembered between runs.
 * </p>
 */
@Plugin(type = Command.class, headless = true, menuPath = ImagePlusQuantizer.MENU + ">" + ImagePlusCurve.LABEL)
public class QualityCurveCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "Image", description = "The image to measure: 8-, 16-, 32-bit or RGB, stack or hyperstack.")
	private ImagePlus imp;

	@Parameter(label = "Seed", description = QuantizeSettings.DESCRIBE_SEED, min = "" + Long.MIN_VALUE, max = "" +
		Long.MAX_VALUE, persist = false)
	private long seed = QuantizeSettings.DEFAULT_SEED;

	@Parameter(label = "Target PSNR (dB)", description = ImagePlusCurve.DESCRIBE_TARGET, min = "0",
		persist = false)
	private double target_psnr;

	@Parameter(label = "Measure ROI only", description = ImagePlusCurve.DESCRIBE_ROI, persist = false)
	private boolean roi;

	@Parameter(label = "Save CSV to", description = ImagePlusCurve.DESCRIBE_CSV, required = false,
		persist = false)
	private String csv = "";

	@Parameter(type = ItemIO.OUTPUT, label = "Quality curve")
	private ImagePlus plot;

	@Parameter(type = ItemIO.OUTPUT, label = ImagePlusCurve.TABLE_TITLE)
	private ResultsTable table;

	@Override
	public void run() {
		CommandSupport.unknownKeys(log, ImagePlusCurve.LABEL, ImagePlusCurve.KEYS);
		CommandSupport.run(this, status, log, ImagePlusCurve.LABEL, imp, progress -> ImagePlusCurve.compute(seed, imp,
			roi, target_psnr, csv == null || csv.trim().isEmpty() ? null : Paths.get(csv.trim()), progress),
			result -> {
				plot = result.plot();
				table = result.table();
				if (CommandSupport.mayShow()) result.show();
			});
	}
}
