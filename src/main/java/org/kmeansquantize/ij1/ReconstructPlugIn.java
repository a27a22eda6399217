package org.kmeansquantize.ij1;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import org.kmeansquantize.io.ImagePlusQuantizer;

/**
 * Plugins &gt; Quantize &gt; Reconstruct for ImageJ 1: rebuilds an image from the current label
 * image and its own codebook, or the one named by the key {@value ImagePlusQuantizer#KEY_CODEBOOK},
 * as {@link org.kmeansquantize.command.ReconstructCommand} does, and shows it.
 */
public class ReconstructPlugIn implements PlugIn {

	/** @param arg ignored */
	@Override
	public void run(final String arg) {
		final ImagePlus labels = WindowManager.getCurrentImage();
		if (labels == null) {
			IJ.noImage();
			return;
		}
		final String macro = Macro.getOptions();
		final String source;
		if (macro != null) source = new MacroOptions(macro).string(ImagePlusQuantizer.KEY_CODEBOOK, "");
		else {
			final GenericDialog gd = new GenericDialog(ImagePlusQuantizer.LABEL_RECONSTRUCT);
			gd.addFileField(ImagePlusQuantizer.KEY_CODEBOOK, "", 30);
			gd.addMessage("Empty: the label image's own codebook.");
			gd.showDialog();
			if (gd.wasCanceled()) return;
			source = gd.getNextString();
		}
		final ImagePlus out = PlugInSupport.run(ImagePlusQuantizer.LABEL_RECONSTRUCT, progress -> ImagePlusQuantizer
			.reconstruct(ImagePlusQuantizer.codebookFor(labels, source), labels, progress));
		if (out != null) out.show();
	}
}
