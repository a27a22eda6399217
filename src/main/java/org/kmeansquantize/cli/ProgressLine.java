package org.kmeansquantize.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import org.kmeansquantize.core.Progress;

/**
 * The progress of a folder run on stderr: files done of all, megapixels per second, time left
 * (from the input bytes done and still to do, once a file is done). On a terminal one line redrawn in place with {@code \r}, at
 * most ten times a second; otherwise a plain line every {@value #PLAIN_SECONDS} seconds and one at
 * the end. Also the engine's {@link Progress} for the file at hand (never cancels: Ctrl-C ends the
 * JVM, and outputs in progress are deleted by their shutdown hook). Thread-safe.
 */
final class ProgressLine implements Progress {

	/** Seconds between plain lines when stderr is not a terminal. */
	static final int PLAIN_SECONDS = 5;

	private final PrintWriter err;
	private final String name;
	private final boolean terminal;
	private final int files;
	private final long totalBytes;
	private final long start = System.nanoTime();
	private int done;
	private long bytesDone;
	private long pixelsDone;
	private double fraction;
	private String phase;
	private String step = "";
	private String current = "";
	private long lastDraw;
	private int drawn;

	ProgressLine(final PrintWriter err, final String name, final boolean terminal, final int files,
		final long totalBytes)
	{
		this.err = err;
		this.name = name;
		this.terminal = terminal;
		this.files = files;
		this.totalBytes = totalBytes;
		this.lastDraw = start;
	}

	/** @param p what runs before the files (e.g. learning a shared codebook), or null when it ends */
	synchronized void phase(final String p) {
		phase = p;
		fraction = 0;
		draw(true);
	}

	/** @param f the file now being compressed */
	synchronized void file(final Path f) {
		current = f.getFileName().toString();
		fraction = 0;
		draw(false);
	}

	/**
	 * @param bytes the input bytes of the file just done
	 * @param pixels its pixels (0 if it failed)
	 */
	synchronized void done(final long bytes, final long pixels) {
		done++;
		bytesDone += bytes;
		pixelsDone += pixels;
		fraction = 0;
		draw(false);
	}

	/** @param line a message on a line of its own (the progress line is redrawn after it) */
	synchronized void message(final String line) {
		if (terminal && drawn > 0) err.print("\r" + spaces(drawn) + "\r");
		drawn = 0;
		err.println(line);
		err.flush();
		draw(true);
	}

	/** Ends the progress: a last line with the totals. */
	synchronized void finish() {
		final String line = line(true);
		if (terminal) err.print("\r" + line + spaces(drawn - line.length()) + "\n");
		else err.println(line);
		err.flush();
		drawn = 0;
	}

	@Override
	public synchronized void report(final String what, final double f) {
		step = what == null ? "" : what;
		fraction = Math.max(0, Math.min(1, f));
		if (terminal) draw(false);
	}

	@Override
	public boolean isCanceled() {
		return false;
	}

	private void draw(final boolean force) {
		final long now = System.nanoTime();
		if (terminal) {
			if (!force && now - lastDraw < 100_000_000L) return;
			final String line = line(false);
			err.print("\r" + line + spaces(drawn - line.length()));
			err.flush();
			drawn = line.length();
			lastDraw = now;
		}
		else if (now - lastDraw >= PLAIN_SECONDS * 1_000_000_000L) {
			err.println(line(false));
			err.flush();
			lastDraw = now;
		}
	}

	private String line(final boolean last) {
		final double seconds = (System.nanoTime() - start) / 1e9;
		final StringBuilder sb = new StringBuilder(name).append(": ");
		if (phase != null) return sb.append(phase).append(step.isEmpty() ? "" : ": " + step).append(String.format(
			Locale.ROOT, " %.0f%%", 100 * fraction)).toString();
		sb.append(done).append('/').append(files).append(" files");
		sb.append(String.format(Locale.ROOT, ", %.1f MP/s", seconds > 0 ? pixelsDone / 1e6 / seconds : 0.0));
		if (last) sb.append(String.format(Locale.ROOT, ", %.1f s", seconds));
		else {
			// from the files done: the engine's phases within a file do not add up to one fraction
			if (bytesDone > 0 && totalBytes > 0) sb.append(", ").append(time(seconds * (totalBytes - bytesDone) /
				bytesDone)).append(" left");
			if (!current.isEmpty() && done < files) sb.append(", ").append(current);
		}
		return sb.toString();
	}

	private static String time(final double s) {
		final long t = Math.round(s);
		return t >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format(
			Locale.ROOT, "%d:%02d", t / 60, t % 60);
	}

	private static String spaces(final int n) {
		final StringBuilder sb = new StringBuilder();
		for (int i = 0; i < n; i++)
			sb.append(' ');
		return sb.toString();
	}
}
