package org.kmeansquantize.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.kmeansquantize.core.ChannelScaling;
import org.kmeansquantize.core.ColourSpace;
import org.kmeansquantize.core.QuantizeSettings;

/** Option strings as ImageJ macros and both recorders write them. */
class MacroOptionsTest {

	@Test
	void booleansAreTrueAsBareKeywordOrAsTrue() {
		assertTrue(new MacroOptions("colors=8 reconstruct ").flag("reconstruct"));
		assertTrue(new MacroOptions("reconstruct colors=8").flag("reconstruct"));
		assertTrue(new MacroOptions("colors=8 reconstruct=true").flag("reconstruct"));
		assertTrue(new MacroOptions("colors=8 reconstruct=TRUE").flag("reconstruct"));
		assertFalse(new MacroOptions("colors=8 reconstruct=false").flag("reconstruct"));
		assertFalse(new MacroOptions("colors=8").flag("reconstruct"));
		assertFalse(new MacroOptions("codebook=[my roi reconstruct.txt]").flag("reconstruct"));
		assertFalse(new MacroOptions("codebook=[my roi.txt] reconstructed").flag("reconstruct"));
		assertThrows(IllegalArgumentException.class, () -> new MacroOptions("roi=yes").flag("roi"));
	}

	@Test
	void valuesInBracketsKeepTheirSpaces() {
		assertEquals("/data/my labels.tif", new MacroOptions("codebook=[/data/my labels.tif] x=1").string("codebook",
			""));
		assertEquals("", new MacroOptions("codebook= ").string("codebook", "default"));
		assertEquals("default", new MacroOptions("colors=3").string("codebook", "default"));
	}

	@Test
	void wholeNumbersAcceptTheFormsMacrosProduce() {
		assertEquals(8, new MacroOptions("colors=8").integer("colors", 1));
		assertEquals(8, new MacroOptions("colors=8.0").integer("colors", 1));
		assertEquals(Long.MAX_VALUE, new MacroOptions("seed=9223372036854775807").longInteger("seed", 1));
		assertEquals(-3, new MacroOptions("seed=-3").longInteger("seed", 1));
		assertEquals("colors must be a whole number, not '8.5'", assertThrows(IllegalArgumentException.class,
			() -> new MacroOptions("colors=8.5").integer("colors", 1)).getMessage());
		assertEquals("seed is out of range: 99999999999999999999", assertThrows(IllegalArgumentException.class,
			() -> new MacroOptions("seed=99999999999999999999").longInteger("seed", 1)).getMessage());
		assertEquals(1e-4, new MacroOptions("tolerance=1.0E-4").number("tolerance", 0));
		assertThrows(IllegalArgumentException.class, () -> new MacroOptions("tolerance=small").number("tolerance", 0));
	}

	@Test
	void absentKeysTakeTheDefaultsAndUnknownKeysAreIgnored() {
		final KMeansOptions o = KMeansOptions.parse("imp=chelsea.png colors=5");
		assertEquals(QuantizeSettings.builder().colors(5).build(), o.settings());
		assertFalse(o.roi());
		assertFalse(o.reconstruct());
		final KMeansOptions all = KMeansOptions.parse(
			"colors=12 seed=7 batch=2048 iterations=50 refine=20 tolerance=1.0E-4 scaling=standardize roi reconstruct");
		assertEquals(QuantizeSettings.builder().colors(12).seed(7).batch(2048).iterations(50).refine(20).tolerance(
			1e-4).scaling(ChannelScaling.STANDARDIZE).build(), all.settings());
		assertTrue(all.roi());
		assertTrue(all.reconstruct());
		assertEquals("scaling must be 'none' or 'standardize', not 'log'", assertThrows(
			IllegalArgumentException.class, () -> KMeansOptions.parse("scaling=log")).getMessage());
		assertEquals(ColourSpace.RGB, o.settings().space());
		assertEquals(ColourSpace.LAB, KMeansOptions.parse("colors=4 space=lab").settings().space());
		assertEquals("space must be 'rgb' or 'lab', not 'hsv'", assertThrows(IllegalArgumentException.class,
			() -> KMeansOptions.parse("space=hsv")).getMessage());
		assertTrue(assertThrows(IllegalArgumentException.class, () -> KMeansOptions.parse(
			"space=lab scaling=standardize")).getMessage().startsWith("scaling=standardize cannot be combined"));
	}

	@Test
	void coloursThatAreNoNumberOrOutOfRangeAreRefused() {
		assertEquals("colors must be a whole number, not 'many'", assertThrows(IllegalArgumentException.class,
			() -> KMeansOptions.parse("colors=many")).getMessage());
		assertEquals("colors must be a whole number, not ''", assertThrows(IllegalArgumentException.class,
			() -> KMeansOptions.parse("colors= seed=1")).getMessage());
		assertEquals("colors must be between 1 and 256, not 257", assertThrows(IllegalArgumentException.class,
			() -> KMeansOptions.parse("colors=257")).getMessage());
		assertEquals("colors must be between 1 and 256, not -4", assertThrows(IllegalArgumentException.class,
			() -> KMeansOptions.parse("colors=-4")).getMessage());
	}
}
