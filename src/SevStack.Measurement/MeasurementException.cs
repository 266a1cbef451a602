using SevStack.Toolkit;

namespace SevStack.Measurement;

/// <summary>An input the launch measurement cannot be computed from: a bad request or a firmware image without the needed metadata.</summary>
public sealed class MeasurementException(string message) : BuildException(message);
