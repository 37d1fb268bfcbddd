using LowRank.Completion.Implicit;
using Xunit;

namespace LowRank.Tests.Completion.Implicit;

public class ImplicitAlsTests
{
    private static double[] Scores(ImplicitAls model)
    {
        var all = new double[model.UserCount * model.ItemCount];
        for (int u = 0; u < model.UserCount; u++) model.ScoreItems(u, all.AsSpan(u * model.ItemCount, model.ItemCount));
        return all;
    }

    [Fact]
    public void ConjugateGradientWithEnoughStepsMatchesTheExactSolve()
    {
        var train = PlantedInteractions.Generate(40, 30, 3, 0.4, seed: 1);
        var options = new ImplicitAlsOptions(Factors: 5, Regularization: 0.1, Alpha: 10, Iterations: 4);
        var exact = new ImplicitAls(options with { Solver = ImplicitSolver.Cholesky });
        var cg = new ImplicitAls(options with { Solver = ImplicitSolver.ConjugateGradient, CgSteps = 12 });
        var fewSteps = new ImplicitAls(options with { Solver = ImplicitSolver.ConjugateGradient, CgSteps = 1 });
        exact.Fit(train);
        cg.Fit(train);
        fewSteps.Fit(train);
        var reference = Scores(exact);
        double scale = reference.Max(Math.Abs);
        Assert.All(Scores(cg).Zip(reference), p => Assert.Equal(p.Second, p.First, 1e-9 * scale));
        // One CG step per sweep is an approximation: the test can tell the two apart.
        Assert.True(Scores(fewSteps).Zip(reference).Max(p => Math.Abs(p.First - p.Second)) > 1e-4 * scale);
    }

    [Theory]
    [InlineData(ImplicitSolver.Cholesky)]
    [InlineData(ImplicitSolver.ConjugateGradient)]
    public void TheObjectiveNeverIncreasesFromOneSweepToTheNext(ImplicitSolver solver)
    {
        var train = PlantedInteractions.Generate(30, 25, 2, 0.3, seed: 2);
        var options = new ImplicitAlsOptions(Factors: 4, Regularization: 0.5, Alpha: 5, Solver: solver, CgSteps: 2, InitStd: 0.5);
        double previous = double.PositiveInfinity;
        for (int sweeps = 1; sweeps <= 8; sweeps++)
        {
            var model = new ImplicitAls(options with { Iterations = sweeps });
            model.Fit(train);
            double objective = model.Objective(train);
            Assert.True(objective <= previous * (1 + 1e-12), $"sweep {sweeps}: {objective} > {previous}");
            previous = objective;
        }
        var start = new ImplicitAls(options with { Iterations = 1 });
        start.Fit(train);
        Assert.True(previous < start.Objective(train) * 0.999, "the sweeps should lower the objective");
    }

    [Theory]
    [InlineData(ImplicitSolver.Cholesky)]
    [InlineData(ImplicitSolver.ConjugateGradient)]
    public void OneInteractionConvergesToTheClosedFormScore(ImplicitSolver solver)
    {
        // One user, item 0 seen (c = 1 + α = 4), item 1 not, k = 1: the item-1 factor is 0 and the fixed point of
        // x = c·y/(c·y² + λ), y = c·x/(c·x² + λ) has x·y = 1 − λ/c.
        var train = new Interactions(1, 2, [0], [0], [1.0]);
        var model = new ImplicitAls(new ImplicitAlsOptions(Factors: 1, Regularization: 1, Alpha: 3, Iterations: 300, Solver: solver, InitStd: 1));
        model.Fit(train);
        var scores = new double[2];
        model.ScoreItems(0, scores);
        Assert.Equal(0.75, scores[0], 1e-9);
        Assert.Equal(0, scores[1], 1e-12);
    }

    [Fact]
    public void TheFitIsTheSameOnOneThreadAndOnAll()
    {
        var train = PlantedInteractions.Generate(50, 40, 4, 0.3, seed: 3);
        var one = new ImplicitAls(new ImplicitAlsOptions(Factors: 6, Iterations: 3, Threads: 1));
        var all = new ImplicitAls(new ImplicitAlsOptions(Factors: 6, Iterations: 3));
        one.Fit(train);
        all.Fit(train);
        Assert.Equal(Scores(one), Scores(all));
    }

    /// <summary>
    /// A model refitted on other data reuses its pooled workspaces (their gather buffers sized for the first data's rows)
    /// and must give exactly what a fresh model gives.
    /// </summary>
    [Fact]
    public void ARefitOnLongerRowsMatchesAFreshFit()
    {
        var small = PlantedInteractions.Generate(20, 15, 3, 0.2, seed: 4);
        var large = PlantedInteractions.Generate(60, 50, 3, 0.6, seed: 5);
        var options = new ImplicitAlsOptions(Factors: 7, Iterations: 3);
        var reused = new ImplicitAls(options);
        reused.Fit(small);
        reused.Fit(large);
        var fresh = new ImplicitAls(options);
        fresh.Fit(large);
        Assert.Equal(Scores(fresh), Scores(reused));
    }

    [Fact]
    public void BadSettingsAreRefused()
    {
        var train = new Interactions(1, 1, [0], [0], [1.0]);
        Assert.Throws<InvalidInputException>(() => new ImplicitAls(new ImplicitAlsOptions(Factors: 0)).Fit(train));
        Assert.Throws<InvalidInputException>(() => new ImplicitAls(new ImplicitAlsOptions(Regularization: 0)).Fit(train));
        Assert.Throws<InvalidInputException>(() => new ImplicitAls(new ImplicitAlsOptions(CgSteps: 0)).Fit(train));
        Assert.Throws<InvalidInputException>(() => new ImplicitAls(new ImplicitAlsOptions(Alpha: -1)).Fit(train));
    }
}
