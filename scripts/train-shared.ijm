// Learns ONE codebook from every image of a folder with Plugins > Quantize > K-means, so that a
// label means the same colour or level in every file (a time series, a plate), and saves it as a
// label TIFF. The images must have one size and type: the folder is opened as one (virtual)
// stack, and K-means learns one codebook from all its planes.
//
// Then label every image with it (Apply codebook):
//   quantize-folder.ijm "input=[/data/in] output=[/data/out] codebook=[/data/shared-labels.tif]"
//
// Fiji, no display needed:
//   ImageJ-linux64 --headless -batch scripts/train-shared.ijm "input=[/data/in] output=[/data/shared-labels.tif] colors=16"
// Plain ImageJ 1:
//   xvfb-run -a java -jar ij.jar -batch scripts/train-shared.ijm "input=[/data/in] output=[/data/shared-labels.tif] colors=16"
args = getArgument();
input = call("ij.Macro.getValue", args, "input", "");
output = call("ij.Macro.getValue", args, "output", "");
colors = call("ij.Macro.getValue", args, "colors", "16");
seed = call("ij.Macro.getValue", args, "seed", "1");
if (input == "" || output == "")
	exit("usage: train-shared.ijm \"input=[folder] output=[shared-labels.tif] colors=16 seed=1\"");
if (!endsWith(input, File.separator)) input = input + File.separator;

setBatchMode(true);
// every image of the folder, in name order, as the planes of one stack read from disk as needed
File.openSequence(input, "virtual");
images = nSlices;
run("K-means", "colors=" + colors + " seed=" + seed);
// the label image (one plane per input image) carries the codebook: it is what Apply codebook reads
saveAs("Tiff", output);
run("Close All");
print("one codebook of at most " + colors + " entries learned from " + images + " images -> " + output);
