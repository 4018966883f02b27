using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using SalesAcademy.Search.Services;

namespace SalesAcademy.Search.Tests;

/// <summary>Search follows Content through its contract (the change log, the signal, what each type declares), never its tables.</summary>
public sealed class ContentContractTests
{
    [Fact]
    public void Search_references_no_type_of_Contents_data_layer()
    {
        using var stream = File.OpenRead(typeof(SearchIndexHost).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var referenced = metadata.TypeReferences.Select(metadata.GetTypeReference)
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}").ToList();
        Assert.Contains("SalesAcademy.Content.Services.ContentChangeLog", referenced); // the check sees Content's types at all
        Assert.DoesNotContain(referenced, t => t.StartsWith("SalesAcademy.Content.Data.", StringComparison.Ordinal));
        // Nor a content type's own fields: what a case contributes is declared by the case library.
        Assert.DoesNotContain(referenced, t => t.StartsWith("SalesAcademy.CaseLibrary.", StringComparison.Ordinal));
    }
}
