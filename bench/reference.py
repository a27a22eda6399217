#!/usr/bin/python3
"""scikit-learn KMeans MSE for the bundled samples/ images: the committed reference of QualityTest.

Writes src/test/resources/reference/sklearn-samples.csv (run from the repository's root):

    /usr/bin/python3 bench/reference.py

Needs Debian's python3-sklearn, python3-tifffile and python3-pil (apt-get install -y python3-sklearn
python3-tifffile). Settings: KMeans(n_clusters=k, init='k-means++', n_init=1, max_iter=300,
random_state=0) on every pixel as a vector of its channels (float64); the codebook rounded and clipped
to the type's range for integer data; MSE over all pixels and channels in the image's own units.
The versions and settings are written into the CSV's comment lines.
"""
import os, platform, sys

import numpy as np
import PIL
import sklearn
import tifffile
from PIL import Image
from sklearn.cluster import KMeans

IMAGES = ['camera.png', 'chelsea.png', 'IXMtest_A02_s9.tif', 'xy_float__h2b_bg_corr.tif',
          'xyzc_16bit__spots.tif']
KS = [4, 16, 64]
OUT = os.path.join('src', 'test', 'resources', 'reference', 'sklearn-samples.csv')


def load(path):
    """The image as an array whose last axis holds the channels (when it has several)."""
    if path.lower().endswith(('.tif', '.tiff')):
        with tifffile.TiffFile(path) as t:
            s = t.series[0]
            a = s.asarray()
            axes = s.axes
        if 'C' in axes and a.shape[axes.index('C')] > 1:
            a = np.moveaxis(a, axes.index('C'), -1)
            return a.reshape(-1, a.shape[-1])
        return a.reshape(-1, 1)
    a = np.asarray(Image.open(path))
    return a.reshape(-1, 1) if a.ndim == 2 else a.reshape(-1, a.shape[-1])


def mse(x, k):
    data = x.astype(np.float64)
    km = KMeans(n_clusters=k, init='k-means++', n_init=1, max_iter=300, random_state=0)
    labels = km.fit_predict(data)
    centres = km.cluster_centers_
    if np.issubdtype(x.dtype, np.integer):
        info = np.iinfo(x.dtype)
        centres = np.clip(np.rint(centres), info.min, info.max)
    d = data - centres[labels]
    return float(np.mean(d * d))


def main():
    rows = []
    for name in IMAGES:
        x = load(os.path.join('samples', name))
        for k in KS:
            rows.append('%s,%d,%d,%d,%s,%.6g' % (name, k, x.shape[0], x.shape[1], x.dtype, mse(x, k)))
            print(rows[-1], file=sys.stderr)
    with open(OUT, 'w') as f:
        f.write('# scikit-learn %s, numpy %s, tifffile %s, Pillow %s, Python %s; written by bench/reference.py\n'
                % (sklearn.__version__, np.__version__, tifffile.__version__, PIL.__version__,
                   platform.python_version()))
        f.write("# KMeans(n_clusters=k, init='k-means++', n_init=1, max_iter=300, random_state=0) on all pixels;"
                ' codebook rounded and clipped to the type for integer data; MSE over all pixels and channels\n')
        f.write('image,k,pixels,channels,dtype,mse\n')
        f.write('\n'.join(rows) + '\n')


if __name__ == '__main__':
    main()
