// A small application on the LowRank packages: read a matrix file, compute its SVD and its best rank-1
// approximation, and check the Eckart–Young identity ‖A − A₁‖_F² = Σ_{i>1} σ_i². Exit code 1 when it fails.
using System.Globalization;
using LowRank.Approximation;
using LowRank.Decompositions;
using LowRank.IO;
using LowRank.Linalg;

string path = args.Length > 0 ? args[0] : "samples/lecture.csv";
Matrix a = MatrixFile.Read(path).Values;
Console.WriteLine($"{path}: {a.Rows}×{a.Cols}, backend {Backends.Current.Name}");
if (Backends.FallbackNotice is string notice) Console.WriteLine($"note: {notice}");

SingularValueDecomposition svd = SvdSolver.Compute(a, k: null);
Console.WriteLine("singular values: " + string.Join(", ", svd.S.Select(s => s.ToString("G6", CultureInfo.InvariantCulture))));

RankKApproximation best = LowRankApproximator.Approximate(a, RankRule.Fixed(1));
Console.WriteLine($"rank 1: relative error {best.RelErrorFrobenius:G4} (Frobenius), {best.RelErrorSpectral:G4} (spectral)");

double tail = svd.S.Skip(1).Sum(s => s * s);
double measured = Math.Pow(best.RelErrorFrobenius * a.FrobeniusNorm(), 2);
bool ok = Math.Abs(measured - tail) <= 1e-9 * Math.Max(1, tail);
Console.WriteLine(ok ? "Eckart–Young identity holds" : $"FAILED: ‖A − A₁‖_F² = {measured} but Σ_(i>1) σ_i² = {tail}");
return ok ? 0 : 1;
