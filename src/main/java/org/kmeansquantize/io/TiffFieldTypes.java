package org.kmeansquantize.io;

/** The sizes of TIFF field types (TIFF 6.0 and BigTIFF), for {@link TiffStructure}'s walk. */
final class TiffFieldTypes {

	private TiffFieldTypes() {}

	/**
	 * @param type a TIFF field type
	 * @return bytes per value of that type; 0 for an unknown type
	 */
	static int size(final int type) {
		switch (type) {
			case 1:
			case 2:
			case 6:
			case 7:
				return 1;
			case 3:
			case 8:
				return 2;
			case 4:
			case 9:
			case 11:
			case 13:
				return 4;
			case 5:
			case 10:
			case 12:
			case 16:
			case 17:
			case 18:
				return 8;
			default:
				return 0;
		}
	}
}
