// Quantizes every image in a folder with Plugins > Quantize > K-means and writes, for each,
// NAME-labels.tif (8-bit labels, the codebook as LUT and in the TIFF's Info) and
// NAME-codebook.txt (the codebook as text, for "Apply codebook" or the command line).
//
// Fiji, no display needed:
//   ImageJ-linux64 --headless -batch quantize-folder.ijm "input=[/data/in] output=[/data/out] colors=16"
// Plain ImageJ 1 (needs a display, e.g. xvfb-run):
//   xvfb-run -a java -jar ij.jar -batch quantize-folder.ijm "input=[/data/in] output=[/data/out]"
// Keys: input, output (folders; output must exist), colors (default 16), seed (default 1),
// codebook (optional: a label TIFF or codebook file applied to every image instead of learning one).

args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
colors = call("ij.Macro.getValue", args, "colors", "16");
seed = call("ij.Macro.getValue", args, "seed", "1");
codebook = call("ij.Macro.getValue", args, "codebook", "");
if (input == "" || output == "")
	exit("usage: quantize-folder.ijm \"input=[folder] output=[folder] colors=16 seed=1 [codebook=[labels.tif]]\"");
if (!endsWith(input, File.separator)) input = input + File.separator;
if (!endsWith(output, File.separator)) output = output + File.separator;

setBatchMode(true);
list = getFileList(input);
count = 0;
for (i = 0; i < list.length; i++) {
	name = list[i];
	lower = toLowerCase(name);
	if (!(endsWith(lower, ".tif") || endsWith(lower, ".tiff") || endsWith(lower, ".png") ||
		endsWith(lower, ".jpg") || endsWith(lower, ".jpeg") || endsWith(lower, ".gif") || endsWith(lower, ".bmp")))
		continue;
	open(input + name);
	base = File.getNameWithoutExtension(input + name);
	// one codebook for the whole folder (a label TIFF or codebook file), or one learned per image
	if (codebook != "") run("Apply codebook", "codebook=[" + codebook + "]");
	else run("K-means", "colors=" + colors + " seed=" + seed);
	// K-means leaves its label image as the current image
	saveAs("Tiff", output + base + "-labels.tif");
	File.saveString(getMetadata("Info"), output + base + "-codebook.txt");
	run("Close All");
	count++;
	print(name + " -> " + base + "-labels.tif");
}
print("quantized " + count + " images");
