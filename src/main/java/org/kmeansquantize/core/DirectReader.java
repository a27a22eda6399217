package org.kmeansquantize.core;

/**
 * Reads and writes the pixels of a source backed by primitive arrays, held or loaded on demand,
 * straight from the arrays. One per thread.
 */
final class DirectReader extends PixelSource.Reader {

	private final PixelSource source;
	private final PixelSource.Kind kind;
	private final int channels;
	private final long stride;
	private final long planeSize;
	private final SampleRange range;

	/** Planes this reader loaded last, most recent first: a pixel's channels span a few planes. */
	private final int[] cachedIndex;
	private final Object[] cached;

	DirectReader(final PixelSource source) {
		this.source = source;
		cachedIndex = new int[Math.max(2, Math.min(64, source.channels + 1))];
		cached = new Object[cachedIndex.length];
		kind = source.kind;
		channels = source.channels;
		stride = source.stride;
		planeSize = source.planeSize;
		range = source.range;
		java.util.Arrays.fill(cachedIndex, -1);
	}

	private Object plane(final int i) {
		if (source.planes != null) return source.planes[i];
		for (int j = 0; j < cachedIndex.length; j++)
			if (cachedIndex[j] == i) return cached[j];
		final Object p = source.loader.apply(i);
		System.arraycopy(cachedIndex, 0, cachedIndex, 1, cachedIndex.length - 1);
		System.arraycopy(cached, 0, cached, 1, cached.length - 1);
		cachedIndex[0] = i;
		cached[0] = p;
		return p;
	}

	@Override
	public void read(final long start, final int n, final float[] out) {
		transfer(start, n, out, false);
	}

	@Override
	void write(final long start, final int n, final float[] in) {
		transfer(start, n, in, true);
	}

	private void transfer(final long start, final int n, final float[] buf, final boolean write) {
		if (kind == PixelSource.Kind.ARGB) {
			transferArgb(start, n, buf, write);
			return;
		}
		final int nc = channels;
		long p = start;
		int done = 0;
		while (done < n) {
			final long lo = p % stride;
			final long hi = p / stride;
			final int run = (int) Math.min(n - done, stride - lo);
			for (int c = 0; c < nc; c++) {
				long e = (hi * nc + c) * stride + lo;
				int i = 0;
				while (i < run) {
					final int plane = (int) (e / planeSize);
					final int off = (int) (e % planeSize);
					final int len = (int) Math.min(run - i, planeSize - off);
					final int o = (done + i) * nc + c;
					if (write) store(plane(plane), off, len, buf, o, nc);
					else load(plane(plane), off, len, buf, o, nc);
					i += len;
					e += len;
				}
			}
			done += run;
			p += run;
		}
	}

	private void load(final Object a, final int off, final int len, final float[] out, int o, final int nc) {
		switch (kind) {
			case U8: {
				final byte[] b = (byte[]) a;
				for (int j = off, end = off + len; j < end; j++, o += nc)
					out[o] = b[j] & 0xff;
				break;
			}
			case S8: {
				final byte[] b = (byte[]) a;
				for (int j = off, end = off + len; j < end; j++, o += nc)
					out[o] = b[j];
				break;
			}
			case U16: {
				final short[] s = (short[]) a;
				for (int j = off, end = off + len; j < end; j++, o += nc)
					out[o] = s[j] & 0xffff;
				break;
			}
			case S16: {
				final short[] s = (short[]) a;
				for (int j = off, end = off + len; j < end; j++, o += nc)
					out[o] = s[j];
				break;
			}
			case I32: {
				final int[] s = (int[]) a;
				for (int j = off, end = off + len; j < end; j++, o += nc)
					out[o] = s[j];
				break;
			}
			case U32: {
				final int[] s = (int[]) a;
				for (int j = off, end = off + len; j < end; j++, o += nc)
					out[o] = s[j] & 0xffffffffL;
				break;
			}
			case F32: {
				final float[] s = (float[]) a;
				for (int j = off, end = off + len; j < end; j++, o += nc)
					out[o] = s[j];
				break;
			}
			default: {
				final double[] s = (double[]) a;
				for (int j = off, end = off + len; j < end; j++, o += nc)
					out[o] = (float) s[j];
			}
		}
	}

	private void store(final Object a, final int off, final int len, final float[] in, int o, final int nc) {
		final int end = off + len;
		switch (kind) {
			case U8:
			case S8: {
				final byte[] b = (byte[]) a;
				final int lo = (int) range.min(), hi = (int) range.max();
				for (int j = off; j < end; j++, o += nc)
					b[j] = (byte) clamp((int) Math.rint(in[o]), lo, hi);
				break;
			}
			case U16:
			case S16: {
				final short[] b = (short[]) a;
				final int lo = (int) range.min(), hi = (int) range.max();
				for (int j = off; j < end; j++, o += nc)
					b[j] = (short) clamp((int) Math.rint(in[o]), lo, hi);
				break;
			}
			case I32:
			case U32: {
				final int[] b = (int[]) a;
				for (int j = off; j < end; j++, o += nc)
					b[j] = (int) (long) range.fit(in[o]);
				break;
			}
			case F32: {
				final float[] b = (float[]) a;
				for (int j = off; j < end; j++, o += nc)
					b[j] = in[o];
				break;
			}
			default: {
				final double[] b = (double[]) a;
				for (int j = off; j < end; j++, o += nc)
					b[j] = in[o];
			}
		}
	}

	private int clamp(final int v, final int lo, final int hi) {
		return v < lo ? lo : v > hi ? hi : v;
	}

	private void transferArgb(final long start, final int n, final float[] buf, final boolean write) {
		final int nc = channels;
		long e = start;
		int i = 0;
		while (i < n) {
			final int[] a = (int[]) plane((int) (e / planeSize));
			final int off = (int) (e % planeSize);
			final int len = (int) Math.min(n - i, planeSize - off);
			int o = i * nc;
			for (int j = off, end = off + len; j < end; j++, o += nc) {
				if (write) a[j] = PixelSource.pack(buf, o, nc);
				else PixelSource.unpack(a[j], buf, o, nc);
			}
			i += len;
			e += len;
		}
	}
}
