namespace SevStack.Sources.Tests;

/// <summary>Sends every request to the local test server instead (same path and query), so specs can keep real https URLs.</summary>
internal sealed class RedirectToLocalServer(Uri server) : DelegatingHandler(new HttpClientHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(server, request.RequestUri!.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
