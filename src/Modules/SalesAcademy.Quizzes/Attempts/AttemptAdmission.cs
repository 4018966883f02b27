using SalesAcademy.Core.Data;

namespace SalesAcademy.Quizzes.Attempts;

/// <summary>
/// Starting and finishing an attempt cost ten times an answer save (the question versions, twenty rows written, grading).
/// When a quiz round opens, hundreds of reps start within seconds; left alone, those starts took both cores and the answers
/// of the reps already taking the quiz waited seconds to save. Only so many starts and finishes run at once here; the rest
/// wait their turn, first come first served, and answer saves never wait here.
/// On SQLite a start is CPU in this process: half the cores (at least one). On PostgreSQL about half of a start is waiting
/// for the server, so two per core keep the cores busy: with 1,500 takers on the 2-core machine, one lane made starts queue
/// past a client's 60 s timeout, and no limit let 1,500 starts hold the cores while answer saves waited 5-7 s
/// (docs/benchmarks.md).
/// </summary>
public sealed class AttemptAdmission(DatabaseOptions database) : Lanes(LanesFor(database.Provider, Environment.ProcessorCount))
{
    public static int LanesFor(DatabaseProvider provider, int cores) =>
        provider == DatabaseProvider.Sqlite ? Math.Max(1, cores / 2) : 2 * Math.Max(1, cores);
}
