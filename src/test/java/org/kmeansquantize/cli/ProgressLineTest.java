package org.kmeansquantize.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

/** The folder progress line: redrawn in place on a terminal, plain lines elsewhere. */
class ProgressLineTest {

	@Test
	void onATerminalTheLineIsRedrawnInPlaceWithFilesSpeedAndTimeLeft() {
		final StringWriter s = new StringWriter();
		final ProgressLine bar = new ProgressLine(new PrintWriter(s), "kq", true, 4, 400);
		bar.file(Paths.get("a.png"));
		bar.done(100, 2_000_000);
		bar.message("kq: b.png: broken");
		bar.file(Paths.get("b.png"));
		bar.done(100, 0);
		bar.finish();
		final String out = s.toString();
		assertTrue(out.contains("\rkq: 1/4 files, "), out);
		assertTrue(out.matches("(?s).*1/4 files, [0-9.]+ MP/s, [0-9]+:[0-9]{2} left.*"), out);
		// the message on a line of its own: the progress line, if drawn, is erased first
		assertTrue(out.matches("(?s)(.*[\r\n])?kq: b\\.png: broken\n.*"), out);
		assertTrue(out.matches("(?s).*\rkq: 2/4 files, [0-9.]+ MP/s, [0-9.]+ s *\n$"), out);
	}

	@Test
	void elsewhereOnlyMessagesAndTheLastLineAppearInAShortRun() {
		final StringWriter s = new StringWriter();
		final ProgressLine bar = new ProgressLine(new PrintWriter(s), "kq", false, 2, 200);
		bar.file(Paths.get("a.png"));
		bar.report("assigning labels", 0.5);
		bar.done(100, 1000);
		bar.file(Paths.get("b.png"));
		bar.done(100, 1000);
		bar.finish();
		final String out = s.toString();
		assertFalse(out.contains("\r"), out);
		assertEquals(1, out.split("\n").length, out);
		assertTrue(out.startsWith("kq: 2/2 files, "), out);
	}
}
