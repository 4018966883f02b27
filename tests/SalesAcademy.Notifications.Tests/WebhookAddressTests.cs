using System.Net;
using System.Net.Sockets;
using SalesAcademy.Notifications.Delivery;

namespace SalesAcademy.Notifications.Tests;

/// <summary>
/// Server-side request forgery: a webhook never posts into the portal's own network, whether the address is written as
/// an IP (refused when saved) or a name that resolves to one (refused when connecting), unless the setting allows it.
/// </summary>
public sealed class WebhookAddressTests
{
    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.20.0.5/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    public void A_private_address_is_refused_when_saved(string url)
    {
        Assert.Equal(WebhookAddresses.Refused, WebhookMessages.Problem(url, allowHttp: false));
        Assert.Null(WebhookMessages.Problem(url, allowHttp: false, allowPrivate: true));
    }

    [Theory]
    [InlineData("https://oapi.dingtalk.com/robot/send?access_token=x")]
    [InlineData("https://hooks.slack.com/services/T/B/X")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://172.32.0.1/hook")]
    public void A_public_address_is_accepted(string url) => Assert.Null(WebhookMessages.Problem(url, allowHttp: false));

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_connecting()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        using var guarded = Client(allowPrivate: false);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync($"http://localhost:{port}/hook"));
        Assert.Contains(WebhookAddresses.Refused, refused.ToString());
        Assert.False(listener.Pending()); // nothing reached the listener

        // The same request with the setting on reaches the listener: the refusal above is the guard, not the network.
        using var open = Client(allowPrivate: true);
        var sent = open.GetAsync($"http://localhost:{port}/hook");
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(accepted.Connected);
    }

    private static HttpClient Client(bool allowPrivate) => new(new SocketsHttpHandler
    {
        ConnectCallback = (context, ct) => WebhookAddresses.ConnectAsync(context, allowPrivate, ct),
    }) { Timeout = TimeSpan.FromSeconds(30) };
}
