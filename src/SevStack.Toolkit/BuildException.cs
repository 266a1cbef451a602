namespace SevStack.Toolkit;

/// <summary>
/// An expected failure with a message for the user (what was wrong, where, what to do).
/// The engine prints the message alone, never a stack trace.
/// </summary>
public class BuildException(string message, Exception? inner = null) : Exception(message, inner);
