using System.Runtime.ExceptionServices;

namespace SalesAcademy.Testing;

/// <summary>Exceptions thrown (first chance, caught or not) by the code a test awaits, and by no other test running beside it.</summary>
public static class ThrownExceptions
{
    public static async Task<IReadOnlyList<Exception>> DuringAsync(Func<Task> work)
    {
        // The flow's own marker: the handler sees every thread's exceptions, and tests run in parallel.
        var mine = new AsyncLocal<bool> { Value = true };
        var thrown = new List<Exception>();
        void Count(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (mine.Value) lock (thrown) thrown.Add(e.Exception);
        }
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            await work();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }
        lock (thrown) return [.. thrown];
    }
}
