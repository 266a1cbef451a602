namespace SevStack.Engine.Targets;

/// <summary>A key computed before the dependencies ran needs one of their outputs: the target looks up after them instead.</summary>
public sealed class KeyNeedsDependencyException(string message) : Exception(message);
