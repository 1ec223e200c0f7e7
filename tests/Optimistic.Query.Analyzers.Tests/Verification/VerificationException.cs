namespace Optimistic.Query.Analyzers.Tests.Verification;

/// <summary>Thrown when a verification fails: the message says what was expected and what happened.</summary>
public sealed class VerificationException : Exception
{
    public VerificationException(string message)
        : base(message)
    {
    }

    public VerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
