package org.kmeansquantize.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ij.ImagePlus;
import ij.plugin.PlugIn;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

import org.kmeansquantize.core.ChannelScaling;
import org.kmeansquantize.imagej.ImagePlusCurve;
import org.kmeansquantize.imagej.ImagePlusPalette;
import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.QuantizeSettings;

/** The commands' inputs are the macro keys, described, bounded and never remembered. */
class CommandParametersTest {

	private static final List<Class<? extends Command>> COMMANDS = List.of(KMeansCommand.class,
		ApplyCodebookCommand.class, ReconstructCommand.class, QualityCurveCommand.class);

	@Test
	void kMeansInputsAreTheEngineKeys() {
		try (Context context = new Context(CommandService.class)) {
			final CommandInfo info = context.getService(CommandService.class).getCommand(KMeansCommand.class);
			final List<String> keys = new ArrayList<>(List.of("imp"));
			keys.addAll(ImagePlusQuantizer.QUANTIZE_KEYS);
			assertEquals(keys, names(info));
			assertEquals(ImagePlusQuantizer.LUT_CHOICES, info.getInput(ImagePlusQuantizer.KEY_LUT).getChoices());
			final ModuleItem<?> scaling = info.getInput(QuantizeSettings.KEY_SCALING);
			assertEquals(List.of(ChannelScaling.values()).stream().map(ChannelScaling::key).collect(Collectors.toList()),
				scaling.getChoices());
			assertEquals(List.of(ColourSpace.values()).stream().map(ColourSpace::key).collect(Collectors.toList()), info
				.getInput(QuantizeSettings.KEY_SPACE).getChoices());
			for (final String key : List.of(QuantizeSettings.KEY_COLORS, QuantizeSettings.KEY_SEED,
				QuantizeSettings.KEY_BATCH, QuantizeSettings.KEY_ITERATIONS, QuantizeSettings.KEY_REFINE,
				QuantizeSettings.KEY_TOLERANCE))
			{
				assertNotNull(info.getInput(key).getMinimumValue(), key + " has no minimum");
				assertNotNull(info.getInput(key).getMaximumValue(), key + " has no maximum");
			}
			assertEquals(QuantizeSettings.MAX_COLORS, ((Number) info.getInput(QuantizeSettings.KEY_COLORS)
				.getMaximumValue()).intValue());
		}
	}

	@Test
	void everyOptionIsDescribedAndNotPersisted() {
		try (Context context = new Context(CommandService.class)) {
			for (final Class<? extends Command> c : COMMANDS) {
				final CommandInfo info = context.getService(CommandService.class).getCommand(c);
				for (final ModuleItem<?> input : options(info)) {
					final String where = c.getSimpleName() + "." + input.getName();
					assertFalse(input.getLabel() == null || input.getLabel().isEmpty(), where + " has no label");
					assertFalse(input.getDescription() == null || input.getDescription().isEmpty(), where +
						" has no description");
					if (!ImagePlus.class.equals(input.getType())) assertFalse(input.isPersisted(), where + " is persisted");
					assertEquals(input.getName().toLowerCase(), input.getName(), where + " is no lower-case macro key");
				}
			}
		}
	}

	@Test
	void qualityCurveInputsAreItsMacroKeys() {
		try (Context context = new Context(CommandService.class)) {
			final CommandInfo info = context.getService(CommandService.class).getCommand(QualityCurveCommand.class);
			assertEquals(List.of("imp", QuantizeSettings.KEY_SEED, ImagePlusCurve.KEY_TARGET, ImagePlusQuantizer.KEY_ROI,
				ImagePlusCurve.KEY_CSV), names(info));
		}
	}

	@Test
	void noKeyIsASuffixOfAnother() {
		final Set<String> keys = new HashSet<>();
		try (Context context = new Context(CommandService.class)) {
			for (final Class<? extends Command> c : COMMANDS)
				keys.addAll(names(context.getService(CommandService.class).getCommand(c)));
		}
		for (final String a : keys)
			for (final String b : keys)
				assertFalse(!a.equals(b) && a.endsWith(b), "'" + b + "' is a suffix of '" + a +
					"': Macro.getValue would find it inside");
	}

	@Test
	void pluginsConfigHasTheCommandsMenuPathsAndLabels() throws Exception {
		final Pattern line = Pattern.compile("^(\\S[^,]*),\\s*\"([^\"]+)\",\\s*([\\w.]+)$");
		final List<String> entries = new ArrayList<>();
		try (InputStream in = getClass().getResourceAsStream("/plugins.config");
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
		{
			String s;
			while ((s = r.readLine()) != null) {
				if (s.trim().isEmpty() || s.startsWith("#")) continue;
				final Matcher m = line.matcher(s.trim());
				assertTrue(m.matches(), "not a plugins.config line: " + s);
				assertTrue(PlugIn.class.isAssignableFrom(Class.forName(m.group(3))), m.group(3) + " is no PlugIn");
				entries.add(m.group(1) + ">" + m.group(2));
			}
		}
		final List<String> menus = new ArrayList<>();
		try (Context context = new Context(CommandService.class)) {
			for (final Class<? extends Command> c : COMMANDS)
				menus.add(context.getService(CommandService.class).getCommand(c).getMenuPath().getMenuString(true)
					.replace(" > ", ">"));
		}
		assertEquals(List.of("Plugins>Quantize>K-means", "Plugins>Quantize>Apply codebook",
			"Plugins>Quantize>Reconstruct", "Plugins>Quantize>K-means quality curve"), menus);
		assertEquals(menus, entries);
	}

	private static List<ModuleItem<?>> options(final CommandInfo info) {
		final List<ModuleItem<?>> items = new ArrayList<>();
		for (final ModuleItem<?> input : info.inputs())
			if (!Service.class.isAssignableFrom(input.getType()) && !Context.class.equals(input.getType()) && input
				.getVisibility() != ItemVisibility.MESSAGE) items.add(input);
		return items;
	}

	private static List<String> names(final CommandInfo info) {
		return options(info).stream().map(ModuleItem::getName).collect(Collectors.toList());
	}
}
