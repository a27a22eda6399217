package org.kmeansquantize.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Paths;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A Hadoop file, read-only, as a {@link SeekableByteChannel}: what the engine's
 * {@code TiffPlaneReader} reads, so that a TIFF on HDFS, S3A or a local disk is read where it is,
 * only the bytes of the planes asked for. Reads are positioned reads
 * ({@link FSDataInputStream#read(long, byte[], int, int)}), which on HDFS fetch just the bytes asked
 * for instead of opening a stream to the end of the block; the size is the file's length when
 * opened. Writing and truncating throw {@link NonWritableChannelException}. Not thread-safe (the
 * reader serialises its reads).
 */
final class HadoopChannel implements SeekableByteChannel {

	private final FSDataInputStream in;
	private final long size;
	private long position;
	private boolean open = true;
	/** Reused for buffers without a backing array (direct buffers). */
	private byte[] scratch;

	HadoopChannel(final FSDataInputStream in, final long size) {
		this.in = in;
		this.size = size;
	}

	/**
	 * @param location a local absolute path or a Hadoop URI
	 * @param conf the Hadoop configuration
	 * @return the file as a channel (local files through Hadoop's raw local file system)
	 * @throws IOException {@code LOCATION does not exist}, or naming the location if it cannot be
	 *           opened
	 */
	static HadoopChannel open(final String location, final Storage.Conf conf) throws IOException {
		final boolean local = Storage.isLocal(location);
		final Path p = local ? new Path(Paths.get(Storage.localPath(location)).toUri()) : new Path(location);
		final FileSystem fs = local ? FileSystem.getLocal(conf.get()).getRawFileSystem() : Storage.fileSystem(p, conf
			.get());
		try {
			final long length = fs.getFileStatus(p).getLen();
			return new HadoopChannel(fs.open(p), length);
		}
		catch (final java.io.FileNotFoundException e) {
			throw new IOException(location + " does not exist");
		}
		catch (final IOException e) {
			throw new IOException(location + " cannot be read (" + Storage.oneLine(e) + ")");
		}
	}

	@Override
	public int read(final ByteBuffer dst) throws IOException {
		if (!open) throw new ClosedChannelException();
		if (position >= size) return -1;
		final int want = (int) Math.min(dst.remaining(), size - position);
		if (want == 0) return 0;
		final int n;
		if (dst.hasArray()) {
			n = in.read(position, dst.array(), dst.arrayOffset() + dst.position(), want);
			if (n > 0) dst.position(dst.position() + n);
		}
		else {
			if (scratch == null || scratch.length < want) scratch = new byte[Math.max(want, 1 << 16)];
			n = in.read(position, scratch, 0, want);
			if (n > 0) dst.put(scratch, 0, n);
		}
		if (n < 0) return -1;
		position += n;
		return n;
	}

	@Override
	public int write(final ByteBuffer src) {
		throw new NonWritableChannelException();
	}

	@Override
	public long position() throws IOException {
		if (!open) throw new ClosedChannelException();
		return position;
	}

	@Override
	public SeekableByteChannel position(final long newPosition) throws IOException {
		if (!open) throw new ClosedChannelException();
		if (newPosition < 0) throw new IllegalArgumentException("negative position " + newPosition);
		position = newPosition;
		return this;
	}

	@Override
	public long size() throws IOException {
		if (!open) throw new ClosedChannelException();
		return size;
	}

	@Override
	public SeekableByteChannel truncate(final long newSize) {
		throw new NonWritableChannelException();
	}

	@Override
	public boolean isOpen() {
		return open;
	}

	@Override
	public void close() throws IOException {
		if (!open) return;
		open = false;
		in.close();
	}
}
