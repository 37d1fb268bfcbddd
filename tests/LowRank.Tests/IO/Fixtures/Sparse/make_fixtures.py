"""Writes the sparse-format fixtures of SparseFormatTests with scipy (run once by hand; the tests do not need Python).

    cd tests/LowRank.Tests/IO/Fixtures/Sparse && /usr/bin/python3 make_fixtures.py   # scipy 1.10, numpy 1.24 here

A is a 4x5 matrix with a negative, a tiny, a large and a non-dyadic value, an empty row and an empty column.
"""
import numpy as np
import scipy.io
import scipy.sparse as sp

A = np.array([
    [1.0, 0.0, -2.5, 0.0, 0.0],
    [0.0, 0.0, 0.0, 0.0, 0.0],
    [0.0, 1e-300, 0.0, 0.0, 1.0 / 3.0],
    [7.25e10, 0.0, 0.0, 0.0, 42.0],
])
np.savetxt("a.csv", A, delimiter=",", fmt="%.17g")

sp.save_npz("csr.npz", sp.csr_matrix(A))                      # compressed (save_npz's default), int32 indices
sp.save_npz("csr-stored.npz", sp.csr_matrix(A), compressed=False)
sp.save_npz("csc.npz", sp.csc_matrix(A))
sp.save_npz("coo.npz", sp.coo_matrix(A).astype(np.float32), compressed=False)

wide = sp.csr_matrix(A)
wide.indices = wide.indices.astype(np.int64)
wide.indptr = wide.indptr.astype(np.int64)
sp.save_npz("csr-int64.npz", wide)

# A csr matrix with unsorted column indices and a repeated entry in row 0 (has_sorted_indices is False):
# scipy saves it as is; its dense form sums the repeats.
messy = sp.csr_matrix((np.array([3.0, 1.0, 2.0, 5.0]), np.array([2, 0, 2, 1]), np.array([0, 3, 4])), shape=(2, 3))
assert not messy.has_sorted_indices
sp.save_npz("csr-unsorted.npz", messy, compressed=False)
np.savetxt("csr-unsorted.csv", messy.toarray(), delimiter=",", fmt="%.17g")

np.savez("dense.npz", a=A)                                      # a numpy archive that is not a scipy sparse file

S = sp.coo_matrix(np.array([[2.0, -1.0, 0.0], [-1.0, 0.0, 0.5], [0.0, 0.5, 3.0]]))
scipy.io.mmwrite("symmetric.mtx", S)                            # scipy detects the symmetry and writes the lower triangle
np.savetxt("symmetric.csv", S.toarray(), delimiter=",", fmt="%.17g")
