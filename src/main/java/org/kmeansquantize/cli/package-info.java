/**
 * The command line: {@code kmeans-quantize compress} and {@code kmeans-quantize decompress}, thin
 * picocli commands over {@link org.kmeansquantize.io.FileCodec} (and, for a folder or glob as input,
 * {@link org.kmeansquantize.io.FolderCodec}, with a progress line and a summary). Option names, descriptions and
 * defaults come from {@link org.kmeansquantize.core.QuantizeSettings}, the option spec all front
 * ends share. Every failure prints exactly one line on stderr and exits non-zero; {@code --json}
 * prints one JSON object as the last line on stdout.
 */
package org.kmeansquantize.cli;
