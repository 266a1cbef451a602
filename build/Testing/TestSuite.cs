namespace SevStack.Build.Testing;

public enum TestSuite
{
    Fast,
    E2E,
    All,
}
