using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Core.Tests;

public class StartupStepsTests
{
    [Fact]
    public async Task The_migrations_run_first_one_at_a_time_then_a_step_that_needs_only_them_runs_beside_the_others()
    {
        var log = new ConcurrentQueue<string>();
        var importStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var services = Services(
            new Step("migrate b", StartupStepOrder.Migrations, log),
            // Registered in this order: the seed steps are ordered by Order, not by registration.
            new Step("import", StartupStepOrder.Seed, log, NeedsOnlyMigrations: true, Run: () => { importStarted.TrySetResult(); return Task.CompletedTask; }),
            new Step("demo team", StartupStepOrder.Seed - 5, log),
            // Waits until the import has started: only possible when the import runs beside it, not after it.
            new Step("roles", StartupStepOrder.Seed - 10, log, Run: () => importStarted.Task.WaitAsync(TimeSpan.FromSeconds(20))),
            new Step("migrate a", StartupStepOrder.Migrations, log));

        await services.RunStartupStepsAsync();

        var order = log.ToList();
        Assert.Equal(["start migrate b", "end migrate b", "start migrate a", "end migrate a"], order.Take(4));
        Assert.True(order.IndexOf("end roles") < order.IndexOf("start demo team"), string.Join(", ", order));
        Assert.Contains("end import", order);
        Assert.Equal(10, order.Count);
    }

    [Fact]
    public async Task A_step_failing_beside_the_others_fails_the_start_after_the_others_have_finished()
    {
        var log = new ConcurrentQueue<string>();
        var services = Services(
            new Step("migrate", StartupStepOrder.Migrations, log),
            new Step("import", StartupStepOrder.Seed, log, NeedsOnlyMigrations: true, Run: () => throw new InvalidOperationException("bad folder")),
            new Step("roles", StartupStepOrder.Seed - 10, log, Run: () => Task.Delay(200)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => services.RunStartupStepsAsync());

        Assert.Equal("bad folder", error.Message);
        Assert.Contains("end roles", log);
    }

    [Fact]
    public async Task A_command_runs_the_steps_up_to_its_order_only()
    {
        var log = new ConcurrentQueue<string>();
        var services = Services(
            new Step("migrate", StartupStepOrder.Migrations, log),
            new Step("import", StartupStepOrder.Seed, log, NeedsOnlyMigrations: true),
            new Step("roles", StartupStepOrder.Seed - 10, log));

        await services.RunStartupStepsAsync(StartupStepOrder.Seed - 1);

        Assert.DoesNotContain("start import", log);
        Assert.Contains("end roles", log);
    }

    private static ServiceProvider Services(params IStartupStep[] steps)
    {
        var services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        foreach (var step in steps) services.AddStartupStep(step);
        return services.BuildServiceProvider();
    }

    private sealed record Step(string Name, int Order, ConcurrentQueue<string> Log, bool NeedsOnlyMigrations = false, Func<Task>? Run = null) : IStartupStep
    {
        public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            Log.Enqueue($"start {Name}");
            await Task.Yield();
            if (Run is not null) await Run();
            Log.Enqueue($"end {Name}");
        }
    }
}
