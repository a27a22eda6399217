# Sourced by the scripts that drive the real ImageJ 1 (screenshot.sh, segmentation-figures.sh), from
# the repository's root: builds the plugin jar if it is missing, makes a temporary folder "$tmp"
# with plugins/KMeans_Quantize.jar, plugins/jars/ (imglib2) and home/, and sets "$ij" to the ImageJ
# jar of the build's class path; "$tmp" is removed on exit (a script that sets its own EXIT trap
# removes it there). Run ImageJ with -Dplugins.dir="$tmp" -Duser.home="$tmp/home".
plugin_jar() {
	ls target/KMeans_Quantize-*.jar 2>/dev/null | grep -Ev -- '-(sources|tests|javadoc)\.jar$' | head -n 1 || true
}
jar=$(plugin_jar)
if [ -z "$jar" ]; then
	mvn -B -q package -DskipTests
	jar=$(plugin_jar)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" -Dmdep.includeScope=runtime >/dev/null
ij=$(tr ':' '\n' < "$tmp/cp.txt" | grep '/ij-[0-9.a-z]*\.jar$')
imglib2=$(tr ':' '\n' < "$tmp/cp.txt" | grep '/imglib2-[0-9.]*\.jar$')
mkdir -p "$tmp/plugins/jars" "$tmp/home"
cp "$jar" "$tmp/plugins/KMeans_Quantize.jar"
cp "$imglib2" "$tmp/plugins/jars/"
