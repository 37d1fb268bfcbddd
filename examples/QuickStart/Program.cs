// A small application on the LowRank packages: read a matrix file, compute its SVD, reconstruct the best rank-1
// approximation, project a row into the rank-1 space, and check the Eckart–Young identity ‖A − A₁‖_F² = Σ_{i>1} σ_i²
// against the error that LowRankApproximator measures. Given a term–document matrix too (documents as rows, scipy
// .npz), it builds a 10-dimensional LSA space and folds a document into it. Exit code 1 when a check fails.
using System.Globalization;
using LowRank.Approximation;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;
using LowRank.Linalg.Sparse;

static string F(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);

string path = args.Length > 0 ? args[0] : "samples/lecture.csv";
Matrix a = MatrixFile.Read(path).Values;
Console.WriteLine($"{path}: {a.Rows}×{a.Cols}, backend {Backends.Current.Name}");
if (Backends.FallbackNotice is string notice) Console.WriteLine($"note: {notice}");

SingularValueDecomposition svd = SvdSolver.Compute(a, k: null);
Console.WriteLine($"singular values: {string.Join(", ", svd.S.Select(F))}; rank {svd.Rank}");

double[][] a1 = svd.Reconstruct(1).ToJagged();
Console.WriteLine("A₁ = [" + string.Join("; ", a1.Select(row => string.Join(", ", row.Select(F)))) + "]");
Console.WriteLine($"‖A − A₁‖_F = {F(svd.FrobeniusError(1))}, ‖A − A₁‖₂ = {F(svd.SpectralError(1))}");

double[] firstRow = Enumerable.Range(0, a.Cols).Select(j => a[0, j]).ToArray();
Console.WriteLine($"first row in the rank-1 space: {F(svd.Transform(firstRow, k: 1)[0])}");

RankKApproximation best = LowRankApproximator.Approximate(a, RankRule.Fixed(1));
double measured = best.RelErrorFrobenius * a.FrobeniusNorm();
bool ok = Math.Abs(measured - svd.FrobeniusError(1)) <= 1e-9 * Math.Max(1, measured);
Console.WriteLine(ok ? "Eckart–Young identity holds" : $"FAILED: measured ‖A − A₁‖_F = {measured}, from σ {svd.FrobeniusError(1)}");
if (args.Length > 1)
{
    CsrMatrix terms = MatrixFile.ReadAny(args[1]).Sparse ?? throw new InvalidDataException($"{args[1]}: not a sparse matrix");
    SingularValueDecomposition lsa = SvdSolver.Compute(terms, 10, SvdMethod.Lanczos);
    double[] document = new double[terms.Cols];
    for (long p = terms.RowOffsets[0]; p < terms.RowOffsets[1]; p++) document[terms.ColumnIndices[p]] = terms.Values[p];
    double[] folded = lsa.Transform(document);
    double worst = Enumerable.Range(0, 10).Max(j => Math.Abs(folded[j] - lsa.U![0, j] * lsa.S[j]));
    Console.WriteLine($"{args[1]}: {terms.Rows}×{terms.Cols}, LSA space of 10 by Lanczos (converged: {lsa.Converged}); " +
                      $"document 0 folded in at ({string.Join(", ", folded.Take(3).Select(F))}, …), off its U·Σ row by {worst:0.#e+0}");
    ok &= lsa.Converged && worst <= 1e-8 * lsa.S[0];
}
return ok ? 0 : 1;
