using System.Net;
using System.Net.Sockets;

namespace SalesAcademy.Notifications.Delivery;

/// <summary>
/// Webhooks go to chat services on the internet, never into the portal's own network: a team lead who may add a webhook
/// must not be able to make the server post to 127.0.0.1, the cloud's metadata address or an intranet host (server-side
/// request forgery). Checked where the connection is made, on the address the name resolved to (a name that resolves to
/// a private address later is caught too). <c>Notifications:Delivery:AllowPrivateWebhookAddresses</c> lifts it (tests,
/// an intranet chat server).
/// </summary>
public static class WebhookAddresses
{
    public const string Refused = "The webhook address points into a private network (loopback, private, link-local or similar), which the portal does not post to.";

    /// <summary>Loopback, private (RFC 1918, unique local), link-local (incl. 169.254.169.254), carrier-grade NAT, unspecified or multicast.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] is 0 or 10 or 127 || b[0] >= 224
                || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] is >= 64 and <= 127) || (b[0] == 192 && b[1] == 0 && b[2] == 0);
        }
        var v6 = address.GetAddressBytes();
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC;
    }

    /// <summary>The connection for the webhook client: resolves the host and connects only to a public address.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal) ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
        if (!allowPrivate) addresses = addresses.Where(a => !IsPrivate(a)).ToArray();
        if (addresses.Length == 0) throw new HttpRequestException(Refused);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
