namespace LowRank.Distributed.ScaLapack;

/// <summary>
/// How the distributed exact SVD (<see cref="ScaLapackSvd"/>) computes the SVD of the bidiagonal matrix that ScaLAPACK's
/// Householder reduction (pdgebrd) leaves; both reduce and back-transform alike. The default is
/// <see cref="ScaLapackSvd.DefaultDriver"/>.
/// </summary>
public enum ScaLapackDriver
{
    /// <summary>
    /// ScaLAPACK's <c>pdgesvd</c>: implicit-shift QR iteration (LAPACK's dbdsqr, Demmel &amp; Kahan 1990), each process
    /// applying the plane rotations to its rows of U and columns of Vᵀ. Its memory is distributed: it suits a matrix
    /// whose min(m, n)² does not fit one process.
    /// </summary>
    QrIteration,

    /// <summary>
    /// pdgebrd, then divide and conquer on the bidiagonal (LAPACK's dbdsdc, Gu &amp; Eisenstat 1995) on every process,
    /// then pdormbr: the bidiagonal's singular vectors (two min(m, n)² matrices and dbdsdc's 3·min(m, n)² workspace) are
    /// replicated on every process (<see cref="ScaLapackDivideAndConquer"/>).
    /// </summary>
    DivideAndConquer,
}
