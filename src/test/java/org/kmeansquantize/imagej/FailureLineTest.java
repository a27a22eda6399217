package org.kmeansquantize.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;

import ij.Macro;

import org.junit.jupiter.api.Test;

/** The one line of a failed Fiji or ImageJ command, for every kind of failure. */
class FailureLineTest {

	@Test
	void refusalsKeepTheirMessageAndNameTheImage() {
		assertEquals("camera.png: colors must be between 1 and 256, not 0", FailureLine.of("camera.png",
			new IllegalArgumentException("colors must be between 1 and 256, not 0")));
		// a message that names the image in quotes is not prefixed again
		assertEquals("the codebook has 3 channels but 'camera.png' has 1", FailureLine.of("camera.png",
			new IllegalArgumentException("the codebook has 3 channels but 'camera.png' has 1")));
		assertEquals("a.tif: cannot read x.csv: no such folder", FailureLine.of("a.tif", new UncheckedIOException(
			new IOException("cannot read x.csv: no such folder"))));
		assertEquals("a.tif: first; second", FailureLine.of("a.tif", new IllegalStateException("first\n  second")));
	}

	@Test
	void outOfMemoryAnywhereInTheCausesSaysWhatToDo() {
		final String line = FailureLine.of("big", new RuntimeException(new OutOfMemoryError("Java heap space")));
		assertTrue(line.startsWith("big: not enough memory for this image (ImageJ may use "), line);
		assertTrue(line.endsWith("give ImageJ more (Edit > Options > Memory & Threads) or work on a smaller image"),
			line);
	}

	@Test
	void bugsAndDevelopersTextsBecomeASentenceWithoutJava() {
		for (final Throwable t : new Throwable[] { new NullPointerException(
			"Cannot invoke \"ij.ImagePlus.getDisplayRangeMin()\" because \"imp\" is null"),
			new ArrayIndexOutOfBoundsException(3), new IllegalArgumentException("java.lang.NumberFormatException: x"),
			new IllegalStateException(), new StackOverflowError() })
		{
			final String line = FailureLine.of("img", t);
			assertEquals("img: " + FailureLine.INTERNAL, line);
			assertFalse(line.matches(".*(Exception|Error|java\\.|null).*"), line);
		}
	}

	@Test
	void onlyImageJsMacroAbortTravelsOn() {
		assertTrue(FailureLine.isMacroAbort(new RuntimeException(Macro.MACRO_CANCELED)));
		assertFalse(FailureLine.isMacroAbort(new RuntimeException("other")));
		assertFalse(FailureLine.isMacroAbort(new OutOfMemoryError(Macro.MACRO_CANCELED)));
	}
}
