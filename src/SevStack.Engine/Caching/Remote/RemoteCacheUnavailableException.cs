namespace SevStack.Engine.Caching.Remote;

/// <summary>The server cannot be used in this run: unreachable, timed out, refused the credentials or failed.</summary>
internal sealed class RemoteCacheUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
