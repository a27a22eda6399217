package org.kmeansquantize.command;

import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import org.kmeansquantize.imagej.ImagePlusQuantizer;

/**
 * Plugins &gt; Quantize &gt; Reconstruct: rebuilds an image from a label image and a codebook (by
 * default the label image's own): RGB for an RGB codebook, else 8-, 16- or 32-bit by the codebook's
 * value range, a composite hyperstack for several channels
 * ({@link ImagePlusQuantizer#reconstruct}).
 */
@Plugin(type = Command.class, headless = true, menuPath = ImagePlusQuantizer.MENU + ">" +
	ImagePlusQuantizer.LABEL_RECONSTRUCT)
public class ReconstructCommand extends ContextCommand {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "Label image", description = "An 8-bit label image made by K-means or Apply codebook.")
	private ImagePlus imp;

	@Parameter(label = "Codebook", description = ImagePlusQuantizer.DESCRIBE_CODEBOOK_RECONSTRUCT,
		required = false, persist = false)
	private String codebook = "";

	@Parameter(label = "Force (use a codebook that does not fit)", description = ImagePlusQuantizer.DESCRIBE_FORCE,
		persist = false, required = false)
	private boolean force;

	@Parameter(type = ItemIO.OUTPUT, label = "Reconstruction")
	private ImagePlus reconstruction;

	@Override
	public void run() {
		CommandSupport.unknownKeys(log, ImagePlusQuantizer.LABEL_RECONSTRUCT, ImagePlusQuantizer.RECONSTRUCT_KEYS);
		CommandSupport.run(this, status, log, ImagePlusQuantizer.LABEL_RECONSTRUCT, imp,
			progress -> ImagePlusQuantizer.reconstruct(ImagePlusQuantizer.codebookFor(imp, codebook, force), imp,
				progress), out -> {
					reconstruction = out;
					if (CommandSupport.mayShow()) ImagePlusQuantizer.showUnique(out);
				});
	}
}
