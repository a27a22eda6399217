package org.kmeansquantize.cli;

import static org.kmeansquantize.core.QuantizeSettings.KEY_COLORS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

import org.kmeansquantize.batch.FileCodec;
import org.kmeansquantize.batch.Report;
import org.kmeansquantize.batch.FolderCodec;
import org.kmeansquantize.batch.ImageFolder;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.batch.SettingsOptions;
import org.kmeansquantize.batch.TargetPsnr;

/** {@code compress IN -o OUT [--colors K] ...}: an image to a label PNG or label TIFF. */
final class CompressCommand implements Callable<Integer> {

	/** The command's name. */
	static final String NAME = "compress";

	private final PositionalParamSpec input = Options.input(
		"The image to quantize, or a folder or glob of images; never modified.");

	private final OptionSpec output = Options.output("OUT",
		"The label file to write: .png or .tif (.tiff); for a folder or glob IN, the output folder.");

	private final SettingsOptions settingsOptions = new SettingsOptions();

	private final OptionSpec format = Options.option("auto|png|tif", String.class, "Folder input only: label files " +
		"as .png, .tif, or (auto, the default) .png for PNG and JPEG inputs a palette PNG holds and .tif for the rest.",
		"--format");

	private final OptionSpec sharedCodebook = Options.flag("--shared-codebook", "Folder input only: learn one " +
		"codebook from all images and label every image with it, so that labels mean the same in every file.");

	private final OptionSpec targetPsnr = Options.option("P", Double.class, "Instead of --colors: the smallest k on " +
		"the image's quality curve (see curve) whose PSNR reaches P dB, checked after training (the next k on the " +
		"curve if it falls short).", "--target-psnr");

	private final OptionSpec json = Options.json();

	private CommandSpec spec;

	/** @return the command's picocli model, which holds its values once parsed */
	CommandSpec spec() {
		spec = Options.command(this, NAME, "Quantizes IN (PNG, JPEG or TIFF) with k-means and writes the labels to " +
			"OUT: a palette PNG or an 8-bit label TIFF with the codebook as LUT, by OUT's extension (PNG: one plane of " +
			"8-bit grey, RGB or RGBA; TIFF: any image). Both embed the full-precision codebook for decompress.",
			"IN may also be a folder or a quoted glob ('data/*.tif'): then every image in it, in name order, goes to " +
				"the folder OUT (created if missing), with a summary in OUT/summary.csv; exit status 1 if any file failed.");
		spec.usageMessage().sortOptions(false).showDefaultValues(true);
		spec.addPositional(input).addOption(output).addMixin("settingsOptions", settingsOptions.mixin()).addOption(
			format).addOption(sharedCodebook).addOption(targetPsnr).addOption(json);
		return Options.addStandardHelp(spec);
	}

	/**
	 * Builds the settings, compresses, prints the report (and on stderr a note if the codebook has
	 * fewer entries than asked for); errors go to the command line's handlers.
	 */
	@Override
	public Integer call() throws Exception {
		final Path input = this.input.getValue(), output = this.output.getValue();
		final String format = this.format.getValue();
		final boolean sharedCodebook = this.sharedCodebook.getValue(), json = this.json.getValue();
		final Double targetPsnr = this.targetPsnr.getValue();
		final boolean folder = ImageFolder.isFolderInput(input.toString());
		if (!folder && (format != null || sharedCodebook)) throw new ParameterException(spec.commandLine(), (format !=
			null ? "--format" : "--shared-codebook") + " needs a folder or glob as IN");
		if (!folder) Reports.checkOutputName(spec, output);
		else if (!Files.isDirectory(output) && output.getFileName() != null && output.getFileName().toString()
			.toLowerCase(Locale.ROOT).matches(".*\\.(png|tiff?|jpe?g)")) throw new ParameterException(spec
				.commandLine(), "with a folder or pattern as IN, -o names the output folder, not a file like " + output);
		final QuantizeSettings settings = settingsOptions.settings(spec.commandLine());
		if (folder) {
			if (targetPsnr != null) throw new ParameterException(spec.commandLine(),
				"--target-psnr chooses k for one image: give a file, not a folder, or use --colors");
			final FolderCodec.OutputFormat f;
			try {
				f = format == null ? FolderCodec.OutputFormat.AUTO : FolderCodec.OutputFormat.parse(format);
			}
			catch (final IllegalArgumentException e) {
				throw new ParameterException(spec.commandLine(), e.getMessage());
			}
			return FolderCompress.run(spec.commandLine(), input.toString(), output, settings, f, sharedCodebook, json);
		}
		if (targetPsnr != null) {
			if (spec.commandLine().getParseResult().hasMatchedOption("--" + KEY_COLORS))
				throw new ParameterException(spec.commandLine(), "--target-psnr chooses k itself: give it or --colors, not both");
			if (!Double.isFinite(targetPsnr) || targetPsnr <= 0) throw new ParameterException(spec.commandLine(),
				"--target-psnr must be a positive number of dB, not " + targetPsnr);
		}
		final Report report = Reports.run(() -> targetPsnr == null ? FileCodec.compress(input, output,
			settings, Progress.NONE) : TargetPsnr.compress(input, output, settings, targetPsnr, Progress.NONE));
		Reports.note(spec.commandLine(), report);
		Reports.targetNote(spec.commandLine(), report);
		Reports.print(spec.commandLine().getOut(), report, input, output, json);
		return 0;
	}
}
