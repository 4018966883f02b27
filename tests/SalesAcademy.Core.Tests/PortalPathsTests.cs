using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using SalesAcademy.Core.Hosting;

namespace SalesAcademy.Core.Tests;

public sealed class PortalPathsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"sa-paths-{Guid.NewGuid():N}");

    public PortalPathsTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "src", "Portal"));
        Directory.CreateDirectory(Path.Combine(_root, "content"));
        File.WriteAllText(Path.Combine(_root, "SalesAcademy.sln"), "");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class Env(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "test";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static IConfiguration Config(params (string, string)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Item1, v.Item2))).Build();

    [Fact]
    public void Run_from_src_Portal_finds_the_repository_content_folder_and_the_check_creates_App_Data_under_the_content_root()
    {
        var portalDir = Path.Combine(_root, "src", "Portal");
        var options = PortalPaths.Resolve(Config(), new Env(portalDir));
        Assert.Equal(Path.Combine(_root, "content"), options.ContentDir);
        Assert.Equal(Path.Combine(portalDir, "App_Data"), options.DataDir);
        Assert.Null(options.Problem());
        Assert.True(Directory.Exists(options.DataDir));
        Assert.Empty(Directory.EnumerateFileSystemEntries(options.DataDir)); // the write check leaves nothing behind
    }

    [Fact]
    public void A_data_folder_that_cannot_be_created_is_a_problem_naming_Portal_DataDir()
    {
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "");
        var options = PortalPaths.Resolve(Config(("Portal:DataDir", "a-file/data")), new Env(_root));
        var problem = options.Problem();
        Assert.NotNull(problem);
        Assert.StartsWith("Setting Portal:DataDir is '" + Path.Combine(file, "data") + "'", problem);
        Assert.Contains("cannot create or write", problem);
    }

    [Fact]
    public void Configured_folders_win_and_relative_ones_resolve_against_the_content_root()
    {
        var portalDir = Path.Combine(_root, "src", "Portal");
        var options = PortalPaths.Resolve(Config(("Portal:DataDir", "../../data"), ("Portal:ContentDir", "/opt/sa/content")), new Env(portalDir));
        Assert.Equal(Path.Combine(_root, "data"), options.DataDir);
        Assert.Equal("/opt/sa/content", options.ContentDir);
    }

    [Fact]
    public void The_shared_folder_defaults_to_the_data_folder_and_the_node_name_to_the_machine_and_port()
    {
        var options = PortalPaths.Resolve(Config(("urls", "http://127.0.0.1:5481")), new Env(_root));
        Assert.Equal(options.DataDir, options.SharedDir);
        Assert.Equal($"{Environment.MachineName}-5481", options.NodeName);
        var configured = PortalPaths.Resolve(Config(("Portal:SharedDir", "shared"), ("Portal:NodeName", "web2")), new Env(_root));
        Assert.Equal(Path.Combine(_root, "shared"), configured.SharedDir);
        Assert.Equal("web2", configured.NodeName);
    }

    [Fact]
    public void A_shared_folder_that_cannot_be_written_is_a_problem_naming_Portal_SharedDir()
    {
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "");
        var problem = PortalPaths.Resolve(Config(("Portal:SharedDir", "a-file/shared")), new Env(_root)).Problem();
        Assert.NotNull(problem);
        Assert.StartsWith("Setting Portal:SharedDir is '" + Path.Combine(file, "shared") + "'", problem);
    }

    [Theory]
    [InlineData(1, 5, 5)]
    [InlineData(3, 5, 1)]   // 3 nodes × 1 = 3 attempts a window across the cluster, within the limit of 5
    [InlineData(3, 20, 6)]
    [InlineData(3, 0, 0)]   // 0 stays "no limit"
    [InlineData(10, 3, 1)]  // never below one a node
    public void Each_node_allows_its_share_of_a_rate_limit(int nodes, int limit, int share) =>
        Assert.Equal(share, new RateLimitOptions { Nodes = nodes }.NodeShare(limit));
}
