package org.kmeansquantize.cli;

import static org.kmeansquantize.core.QuantizeSettings.DEFAULT_SEED;
import static org.kmeansquantize.core.QuantizeSettings.DESCRIBE_SEED;
import static org.kmeansquantize.core.QuantizeSettings.KEY_SEED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

import org.kmeansquantize.io.AtomicOutput;
import org.kmeansquantize.batch.Report;
import org.kmeansquantize.batch.ReportField;
import org.kmeansquantize.batch.ReportSchema;
import org.kmeansquantize.batch.CurveFiles;
import org.kmeansquantize.render.CurvePlot;
import org.kmeansquantize.render.CurveTable;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QualityCurve;
import org.kmeansquantize.core.QuantizeSettings;

/** {@code curve IN -o curve.csv [--png curve.png] [--target-psnr P]}: MSE and PSNR against k. */
final class CurveCommand implements Callable<Integer> {

	/** The command's name. */
	static final String NAME = "curve";

	private final PositionalParamSpec input = Options.input("The image; never modified.");

	private final OptionSpec output = Options.output("CSV", "The CSV file to write.");

	private final OptionSpec png = Options.option("PNG", Path.class, "Also draw the curve into this PNG file.",
		"--png");

	private final OptionSpec targetPsnr = Options.option("P", Double.class,
		"Mark the smallest k whose PSNR reaches P dB.", "--target-psnr");

	private final OptionSpec seed = OptionSpec.builder("--" + KEY_SEED).paramLabel("S").type(long.class).defaultValue(
		"" + DEFAULT_SEED).description(DESCRIBE_SEED).build();

	private final OptionSpec json = Options.flag("--json",
		"Print one JSON object with the curve as the last line on stdout.");

	private CommandSpec spec;

	/** @return the command's picocli model, which holds its values once parsed */
	CommandSpec spec() {
		spec = Options.command(this, NAME, "Measures how well IN (PNG, JPEG or TIFF) is quantized with k = 2, 3, 4, " +
			"6, 8, 11, 16, 23, 32, 45, 64, 91, 128, 181, 256 entries (capped by its distinct values), from one " +
			"warm-started run: the exact MSE over all pixels and the PSNR (peak 255 for 8-bit and RGB, 2^b - 1 for " +
			"16-bit data whose largest value needs b bits, the data's range for float), the knee of the curve, and " +
			"the smallest k reaching a target PSNR. Writes CSV (columns " + CurveTable.CSV_HEADER + ") and " +
			"optionally a PNG plot.");
		spec.usageMessage().sortOptions(false).showDefaultValues(true);
		spec.addPositional(input).addOption(output).addOption(png).addOption(targetPsnr).addOption(seed).addOption(
			json);
		return Options.addStandardHelp(spec);
	}

	/** Computes the curve, writes the files and prints the report; errors go to the handlers. */
	@Override
	public Integer call() throws Exception {
		final Path input = this.input.getValue(), output = this.output.getValue(), png = this.png.getValue();
		final Double targetPsnr = this.targetPsnr.getValue();
		final long seed = this.seed.getValue();
		final boolean json = this.json.getValue();
		if (png != null && !png.toString().toLowerCase(Locale.ROOT).endsWith(".png"))
			throw new ParameterException(spec.commandLine(), "--png " + png + " must end in .png");
		if (targetPsnr != null && !(targetPsnr > 0 && Double.isFinite(targetPsnr))) throw new ParameterException(spec
			.commandLine(), "--target-psnr must be a positive number of dB, not " + targetPsnr);
		final double target = targetPsnr == null ? Double.NaN : targetPsnr;
		final AtomicOutput.Inputs inputs = AtomicOutput.Inputs.of(input);
		inputs.check(output);
		if (png != null) inputs.check(png);
		final long start = System.nanoTime();
		final QualityCurve curve;
		try {
			curve = CurveFiles.compute(input, QuantizeSettings.builder().seed(seed).build(), Progress.NONE);
		}
		catch (final OutOfMemoryError e) {
			throw new IOException(Reports.outOfMemory());
		}
		final long computed = System.nanoTime();
		AtomicOutput.writeText(CurveTable.csv(curve, target), output, inputs);
		if (png != null) AtomicOutput.writePng(CurvePlot.render(curve, input.getFileName().toString(), target), png,
			inputs);
		final long end = System.nanoTime();
		final int reach = Double.isNaN(target) ? -1 : curve.smallestReaching(target);
		if (json) {
			final Report v = new Report(ReportSchema.CURVE);
			v.put(ReportField.COMMAND, "curve");
			v.put(ReportField.INPUT, input.toString());
			final List<Integer> ks = new ArrayList<>();
			final List<Double> mse = new ArrayList<>(), psnr = new ArrayList<>();
			for (int i = 0; i < curve.size(); i++) {
				ks.add(curve.k(i));
				mse.add(curve.mse(i));
				psnr.add(CurveTable.finite(curve.psnr(i)));
			}
			v.put(ReportField.K, ks);
			v.put(ReportField.MSE, mse);
			v.put(ReportField.PSNR, psnr);
			v.put(ReportField.PEAK, curve.peak());
			v.put(ReportField.KNEE_K, curve.k(curve.knee()));
			v.put(ReportField.TARGET_PSNR, targetPsnr);
			v.put(ReportField.TARGET_K, reach < 0 ? null : curve.k(reach));
			v.put(ReportField.SECONDS, (computed - start) / 1e9);
			v.put(ReportField.TOTAL_SECONDS, (end - start) / 1e9);
			v.put(ReportField.OUTPUT_BYTES, Files.size(output));
			spec.commandLine().getOut().println(v.json());
		}
		else {
			String line = input + " -> " + output + (png != null ? " and " + png : "") + ": " + CurveTable.summary(
				curve);
			if (targetPsnr != null) line += reach < 0 ? "; no k reaches " + targetPsnr + " dB" : "; k = " + curve.k(
				reach) + " reaches " + targetPsnr + " dB";
			spec.commandLine().getOut().println(line + String.format(Locale.ROOT, ", %.2f s", (end - start) / 1e9));
		}
		spec.commandLine().getOut().flush();
		return 0;
	}
}
