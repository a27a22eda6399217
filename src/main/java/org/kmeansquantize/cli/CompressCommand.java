package org.kmeansquantize.cli;

import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_BATCH;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_COLORS;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_ITERATIONS;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_REFINE;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_SEED;
import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_TOLERANCE;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_BATCH;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_COLORS;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_ITERATIONS;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_REFINE;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_SCALING;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_SEED;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_TOLERANCE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_BATCH;
import static org.kmeansquantize.core.QuantizeSettings.KEY_COLORS;
import static org.kmeansquantize.core.QuantizeSettings.KEY_ITERATIONS;
import static org.kmeansquantize.core.QuantizeSettings.KEY_REFINE;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SCALING;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SEED;
import static org.kmeansquantize.core.QuantizeSettings.KEY_TOLERANCE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.kmeansquantize.core.ChannelScaling;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;
import org.kmeansquantize.io.FileCodec;
import org.kmeansquantize.io.FolderCodec;
import org.kmeansquantize.io.ImageFolder;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code compress IN -o OUT [--colors K] ...}: an image to a label PNG or label TIFF. */
@Command(name = "compress", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
	description = { "Quantizes IN (PNG, JPEG or TIFF) with k-means and writes the labels to OUT: a palette PNG " +
		"or an 8-bit label TIFF with the codebook as LUT, by OUT's extension (PNG: one plane of 8-bit grey, RGB " +
		"or RGBA; TIFF: any image). Both embed the full-precision codebook for decompress.",
		"IN may also be a folder or a quoted glob ('data/*.tif'): then every image in it, in name order, goes to " +
			"the folder OUT (created if missing), with a summary in OUT/summary.csv; exit status 1 if any file failed." })
final class CompressCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "IN",
		description = "The image to quantize, or a folder or glob of images; never modified.")
	private Path input;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "OUT",
		description = "The label file to write: .png or .tif (.tiff); for a folder or glob IN, the output folder.")
	private Path output;

	@Option(names = "--" + KEY_COLORS, paramLabel = "K", defaultValue = "" + DEFAULT_COLORS,
		description = DESCRIBE_COLORS)
	private int colors;

	@Option(names = "--" + KEY_SEED, paramLabel = "S", defaultValue = "" + DEFAULT_SEED, description = DESCRIBE_SEED)
	private long seed;

	@Option(names = "--" + KEY_BATCH, paramLabel = "N", defaultValue = "" + DEFAULT_BATCH,
		description = DESCRIBE_BATCH)
	private int batch;

	@Option(names = "--" + KEY_ITERATIONS, paramLabel = "N", defaultValue = "" + DEFAULT_ITERATIONS,
		description = DESCRIBE_ITERATIONS)
	private int iterations;

	@Option(names = "--" + KEY_REFINE, paramLabel = "N", defaultValue = "" + DEFAULT_REFINE,
		description = DESCRIBE_REFINE)
	private int refine;

	@Option(names = "--" + KEY_TOLERANCE, paramLabel = "T", defaultValue = "" + DEFAULT_TOLERANCE,
		description = DESCRIBE_TOLERANCE)
	private double tolerance;

	@Option(names = "--" + KEY_SCALING, paramLabel = "none|standardize", defaultValue = "none",
		converter = ScalingConverter.class, description = DESCRIBE_SCALING)
	private ChannelScaling scaling;

	@Option(names = "--format", paramLabel = "auto|png|tif", description = "Folder input only: label files as " +
		".png, .tif, or (auto, the default) .png for PNG and JPEG inputs a palette PNG holds and .tif for the rest.")
	private String format;

	@Option(names = "--shared-codebook", description = "Folder input only: learn one codebook from all images " +
		"and label every image with it, so that labels mean the same in every file.")
	private boolean sharedCodebook;

	@Option(names = "--json", description = "Print one JSON object with what was done as the last line on stdout.")
	private boolean json;

	/**
	 * Builds the settings, compresses, prints the report (and on stderr a note if the codebook has
	 * fewer entries than asked for); errors go to the command line's handlers.
	 */
	@Override
	public Integer call() throws Exception {
		final boolean folder = ImageFolder.isFolderInput(input.toString());
		if (!folder && (format != null || sharedCodebook)) throw new ParameterException(spec.commandLine(), (format !=
			null ? "--format" : "--shared-codebook") + " needs a folder or glob as IN");
		if (!folder) Reports.checkOutputName(spec, output);
		else if (!Files.isDirectory(output) && output.getFileName() != null && output.getFileName().toString()
			.toLowerCase(Locale.ROOT).matches(".*\\.(png|tiff?|jpe?g)")) throw new ParameterException(spec
				.commandLine(), "with a folder or pattern as IN, -o names the output folder, not a file like " + output);
		final QuantizeSettings settings;
		try {
			settings = QuantizeSettings.builder().colors(colors).seed(seed).batch(batch).iterations(iterations).refine(
				refine).tolerance(tolerance).scaling(scaling).build();
		}
		catch (final IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
		if (folder) {
			final FolderCodec.OutputFormat f;
			try {
				f = format == null ? FolderCodec.OutputFormat.AUTO : FolderCodec.OutputFormat.parse(format);
			}
			catch (final IllegalArgumentException e) {
				throw new ParameterException(spec.commandLine(), e.getMessage());
			}
			return FolderCompress.run(spec.commandLine(), input.toString(), output, settings, f, sharedCodebook, json);
		}
		final FileCodec.Report report = Reports.run(() -> FileCodec.compress(input, output, settings,
			Progress.NONE));
		Reports.note(spec.commandLine(), report);
		Reports.print(spec.commandLine().getOut(), report, input, output, json);
		return 0;
	}

	/** Parses {@code --scaling} with the engine's own names. */
	static final class ScalingConverter implements ITypeConverter<ChannelScaling> {

		/** @param value {@code none} or {@code standardize} @return the scaling */
		@Override
		public ChannelScaling convert(final String value) {
			try {
				return ChannelScaling.parse(value);
			}
			catch (final IllegalArgumentException e) {
				throw new TypeConversionException(e.getMessage());
			}
		}
	}
}
