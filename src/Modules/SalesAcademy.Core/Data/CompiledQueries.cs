using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SalesAcademy.Core.Data;

/// <summary>
/// A query compiled once (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, TResult}})"/>)
/// for each model it runs against: EF Core binds a compiled query to the first model it sees and refuses any other, and the
/// portal has one model per provider (a test process runs SQLite and PostgreSQL side by side). For the few queries run on
/// nearly every request, where translating the LINQ tree and finding its cached plan costs more than the database does.
/// </summary>
public sealed class CompiledQueries<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, static (_, compile) => compile(), compile);
}
