package org.kmeansquantize.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/** Image files written byte by byte, for what no encoder writes: images without pixels, odd sample types. */
public final class RawFiles {

	private RawFiles() {}

	/**
	 * @param width pixels per row, may be 0
	 * @param height rows, may be 0
	 * @return an 8-bit grey PNG file of that size, all black, every chunk's CRC right
	 */
	public static byte[] png(final int width, final int height) {
		try {
			final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			final DataOutputStream out = new DataOutputStream(bytes);
			out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
			chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).array());
			final ByteArrayOutputStream idat = new ByteArrayOutputStream();
			try (DeflaterOutputStream d = new DeflaterOutputStream(idat)) {
				d.write(new byte[height * (1 + width)]);
			}
			chunk(out, "IDAT", idat.toByteArray());
			chunk(out, "IEND", new byte[0]);
			return bytes.toByteArray();
		}
		catch (final IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * @param width pixels per row, may be 0
	 * @param height rows, may be 0
	 * @param bits bits per sample, e.g. 4 (which ImageJ does not read)
	 * @param sampleFormat TIFF SampleFormat: 1 unsigned, 2 signed, 3 floating point
	 * @return a little-endian, uncompressed, one-strip grey TIFF file, all zero
	 */
	public static byte[] tiff(final int width, final int height, final int bits, final int sampleFormat) {
		final int entries = 9;
		final int data = Math.max(1, (int) (((long) width * bits + 7) / 8 * height));
		final int dataOffset = 8 + 2 + entries * 12 + 4;
		final ByteBuffer b = ByteBuffer.allocate(dataOffset + data).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		b.putShort((short) entries);
		entry(b, 256, width);
		entry(b, 257, height);
		entry(b, 258, bits);
		entry(b, 259, 1);
		entry(b, 262, 1);
		entry(b, 273, dataOffset);
		entry(b, 277, 1);
		entry(b, 279, data);
		entry(b, 339, sampleFormat);
		b.putInt(0);
		return b.array();
	}

	/** One IFD entry of type LONG and count 1. */
	private static void entry(final ByteBuffer b, final int tag, final int value) {
		b.putShort((short) tag).putShort((short) 4).putInt(1).putInt(value);
	}

	private static void chunk(final DataOutputStream out, final String type, final byte[] data)
		throws IOException
	{
		final byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
		out.writeInt(data.length);
		out.write(t);
		out.write(data);
		final CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data);
		out.writeInt((int) crc.getValue());
	}
}
