package org.kmeansquantize.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;
import java.util.concurrent.atomic.AtomicInteger;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.kmeansquantize.imagej.ImagePlusQuantizer;
import org.kmeansquantize.testing.Pixels;
import org.kmeansquantize.core.Progress;
import org.kmeansquantize.core.QuantizeSettings;

/** Esc in ImageJ 1: pressed in the middle of a run, it stops the engine and nothing is made. */
class PlugInSupportTest {

	@AfterEach
	void releaseEscape() {
		IJ.resetEscape();
	}

	@Test
	void escapePressedMidRunCancelsWithoutOutput() {
		final ImagePlus imp = IJ.openImage(Pixels.sample("chelsea.png").toString());
		final AtomicInteger reports = new AtomicInteger();
		final Object result = PlugInSupport.run(ImagePlusQuantizer.LABEL_QUANTIZE, progress -> ImagePlusQuantizer
			.quantize(QuantizeSettings.builder().colors(32).build(), imp, false, true, new Progress() {

				@Override
				public void report(final String phase, final double fraction) {
					progress.report(phase, fraction);
					// the user presses Esc once the engine is under way
					if (reports.incrementAndGet() == 3) IJ.setKeyDown(KeyEvent.VK_ESCAPE);
				}

				@Override
				public boolean isCanceled() {
					return progress.isCanceled();
				}
			}));
		assertNull(result, "a cancelled run makes nothing");
		assertTrue(reports.get() >= 3, "Esc was pressed during the run");
		assertEquals(0, WindowManager.getImageCount());
	}

	@Test
	void withoutEscapeTheSameRunCompletes() {
		final ImagePlus imp = IJ.openImage(Pixels.sample("camera.png").toString());
		assertNotNull(PlugInSupport.run(ImagePlusQuantizer.LABEL_QUANTIZE, progress -> ImagePlusQuantizer.quantize(
			QuantizeSettings.builder().colors(4).build(), imp, false, false, progress)));
	}
}
