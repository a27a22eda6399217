package org.kmeansquantize.command;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.kmeansquantize.imagej.ImagePlusQuantizer;

/**
 * Plugins &gt; Quantize &gt; Apply codebook: labels every pixel of an image with an existing
 * codebook, e.g. to quantize a whole series with the codebook learned on one image. The codebook
 * comes from an open label image, a saved label TIFF or a codebook text file
 * ({@link ImagePlusQuantizer#readCodebook(String)}). Outputs the label image and the table, as
 * {@link KMeansCommand} does.
 */
@Plugin(type = Command.class, headless = true, menuPath = ImagePlusQuantizer.MENU + ">" +
	ImagePlusQuantizer.LABEL_APPLY)
public class ApplyCodebookCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "Image", description = "The image to label: as many channels as the codebook (RGB: 3).")
	private ImagePlus imp;

	@Parameter(label = "Codebook", description = ImagePlusQuantizer.DESCRIBE_CODEBOOK, persist = false)
	private String codebook = "";

	@Parameter(label = "Force (use a codebook that does not fit)", description = ImagePlusQuantizer.DESCRIBE_FORCE,
		persist = false, required = false)
	private boolean force;

	@Parameter(type = ItemIO.OUTPUT, label = "Labels")
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = ImagePlusQuantizer.TABLE_TITLE)
	private ResultsTable table;

	@Override
	public void run() {
		CommandSupport.unknownKeys(log, ImagePlusQuantizer.LABEL_APPLY, ImagePlusQuantizer.APPLY_KEYS);
		CommandSupport.run(this, status, log, ImagePlusQuantizer.LABEL_APPLY, imp, progress -> ImagePlusQuantizer
			.apply(ImagePlusQuantizer.readCodebook(codebook), imp, force, progress), result -> {
				labels = result.labels();
				table = result.table();
				if (CommandSupport.mayShow()) result.show();
			});
	}
}
