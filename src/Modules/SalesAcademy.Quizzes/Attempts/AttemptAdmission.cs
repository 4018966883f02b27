using SalesAcademy.Core.Data;

namespace SalesAcademy.Quizzes.Attempts;

/// <summary>
/// Starting and finishing an attempt cost ten times an answer save (the question versions, twenty rows written, grading).
/// When a quiz round opens, hundreds of reps start within seconds; left alone, those starts took both cores and the answers
/// of the reps already taking the quiz waited seconds to save. Only so many starts and finishes run at once here; the rest
/// wait their turn, first come first served, and answer saves never wait here. On SQLite a start is CPU in this process:
/// half the cores (at least one). On PostgreSQL much of a start is waiting for the server, and one lane made starts queue
/// past a client's 60 s timeout (1,500 takers on the 2-core machine): there is no limit.
/// </summary>
public sealed class AttemptAdmission(DatabaseOptions database)
    : Lanes(database.Provider == DatabaseProvider.Sqlite ? Math.Max(1, Environment.ProcessorCount / 2) : null);
