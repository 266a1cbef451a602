namespace SevStack.Engine.Hosting;

/// <summary>
/// A stage of a build: its <c>[Parameter]</c> members and <c>Target</c> properties are the build's, like those of the
/// build class. A build exposes its modules as properties; a module takes the modules it consumes from in its constructor.
/// </summary>
public interface IBuildModule;
