namespace SevStack.Build; static class Program { static int Main() => 0; }
