package org.kmeansquantize.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.module.ModuleService;

import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.testing.Pixels;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;

/** Cancelling mid-run stops the engine and leaves no output, from the shared code and from a command. */
class CancelTest {

	@Test
	void aProgressThatCancelsStopsTheRunWithoutOutput() {
		final ImagePlus imp = photo();
		final AtomicInteger reports = new AtomicInteger();
		final Progress cancelsAfterThree = new Progress() {

			@Override
			public void report(final String phase, final double fraction) {
				reports.incrementAndGet();
			}

			@Override
			public boolean isCanceled() {
				return reports.get() >= 3;
			}
		};
		assertThrows(CancellationException.class, () -> ImagePlusQuantizer.quantize(QuantizeSettings.builder().colors(
			8).build(), imp, false, true, cancelsAfterThree));
		assertTrue(reports.get() >= 3);
		assertEquals(0, WindowManager.getImageCount());
	}

	@Test
	void aCommandCancelledMidRunReturnsNoOutput() throws Exception {
		try (Context context = new Context(CommandService.class, StatusService.class, ModuleService.class,
			EventService.class))
		{
			final CommandModule module = (CommandModule) context.getService(ModuleService.class).createModule(context
				.getService(CommandService.class).getCommand(KMeansCommand.class));
			final KMeansCommand command = (KMeansCommand) module.getCommand();
			final CancelOnProgress canceller = new CancelOnProgress(command);
			context.getService(EventService.class).subscribe(canceller);
			context.getService(ModuleService.class).run(module, true, Map.of("imp", photo(), "colors", 8,
				"reconstruct", true)).get();
			assertNotNull(canceller.phase.get(), "the engine never reported progress");
			assertTrue(command.isCanceled());
			assertEquals("stopped by the test", command.getCancelReason());
			assertNull(module.getOutput("labels"));
			assertNull(module.getOutput("table"));
			assertNull(module.getOutput("reconstruction"));
			assertEquals(0, WindowManager.getImageCount());
		}
	}

	@Test
	void aBadOptionCancelsTheCommandWithAOneLineReason() throws Exception {
		try (Context context = new Context(CommandService.class, StatusService.class)) {
			final CommandModule module = (CommandModule) context.getService(CommandService.class).run(
				KMeansCommand.class, true, "imp", photo(), "colors", 0).get();
			assertTrue(module.isCanceled());
			assertEquals("K-means: chelsea.png: colors must be between 1 and 256, not 0", module.getCancelReason());
			assertNull(module.getOutput("labels"));
		}
	}

	private static ImagePlus photo() {
		return IJ.openImage(Pixels.sample("chelsea.png").toString());
	}

	/** Cancels the command at its first progress report, from whichever engine thread reports it. */
	public static final class CancelOnProgress {

		private final KMeansCommand command;
		final AtomicReference<String> phase = new AtomicReference<>();

		CancelOnProgress(final KMeansCommand command) {
			this.command = command;
		}

		/** @param e a status event */
		@EventHandler
		public void onStatus(final StatusEvent e) {
			final String message = e.getStatusMessage();
			if (message != null && message.startsWith(ImagePlusQuantizer.LABEL_QUANTIZE + ": ") && phase
				.compareAndSet(null, message)) command.cancel("stopped by the test");
		}
	}
}
