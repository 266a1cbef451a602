namespace SevStack.Engine.Hosting;

/// <summary>
/// A module whose parameters can make standard output carry only data (<see cref="BuildRun.WriteStandardOutput"/>, e.g. a
/// JSON report): banners, logs, the summary and the final line then go to standard error.
/// </summary>
public interface IStandardOutputData
{
    /// <summary>Read after the parameters are set.</summary>
    bool StandardOutputIsData { get; }
}
