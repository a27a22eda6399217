package org.kmeansquantize.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@link javax.imageio.stream.ImageInputStream} over any {@link SeekableByteChannel} (a local
 * file's {@code FileChannel}, or an adapter over a Hadoop {@code FSDataInputStream}), read through
 * a 64 KB buffer so that the many small reads of a TIFF's directories do not each reach the
 * channel. Closing the stream closes the channel. Not thread-safe, like every ImageInputStream.
 */
final class ChannelImageInputStream extends ImageInputStreamImpl {

	private static final int BUFFER = 1 << 16;

	private final SeekableByteChannel channel;
	private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
	/** The channel position of the buffer's first byte; the buffer holds bytes [0, limit). */
	private long bufferStart;

	ChannelImageInputStream(final SeekableByteChannel channel) {
		this.channel = channel;
		buffer.limit(0);
	}

	@Override
	public int read() throws IOException {
		if (!fill()) return -1;
		bitOffset = 0;
		final int b = buffer.get((int) (streamPos - bufferStart)) & 0xff;
		streamPos++;
		return b;
	}

	@Override
	public int read(final byte[] b, final int off, final int len) throws IOException {
		if (len == 0) return 0;
		bitOffset = 0;
		if (len >= BUFFER) {
			// large reads (tiles, strips) go straight to the caller's array
			final int n = channel.position(streamPos).read(ByteBuffer.wrap(b, off, len));
			if (n > 0) streamPos += n;
			return n;
		}
		if (!fill()) return -1;
		final int at = (int) (streamPos - bufferStart);
		final int n = Math.min(len, buffer.limit() - at);
		for (int i = 0; i < n; i++)
			b[off + i] = buffer.get(at + i);
		streamPos += n;
		return n;
	}

	/** @return whether the buffer holds the byte at {@code streamPos} (false at the end of the channel) */
	private boolean fill() throws IOException {
		if (streamPos >= bufferStart && streamPos < bufferStart + buffer.limit()) return true;
		buffer.clear();
		channel.position(streamPos);
		while (buffer.hasRemaining()) {
			if (channel.read(buffer) < 0) break;
		}
		buffer.flip();
		bufferStart = streamPos;
		return buffer.limit() > 0;
	}

	@Override
	public long length() {
		try {
			return channel.size();
		}
		catch (final IOException e) {
			return -1;
		}
	}

	@Override
	public void close() throws IOException {
		super.close();
		channel.close();
	}
}
