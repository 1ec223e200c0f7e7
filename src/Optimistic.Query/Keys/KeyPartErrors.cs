using System;

namespace Optimistic.Query.Keys;

/// <summary>The exceptions <see cref="QueryKey.Create"/> throws for a part it cannot use; each names the part and the type.</summary>
internal static class KeyPartErrors
{
    private const string WhatIsSupported =
        "Key parts are strings, numbers, booleans, enums, Guids, dates, null, records, anonymous objects, " +
        "dictionaries with string keys, and sequences of these.";

    public static ArgumentException Unsupported(int partIndex, Type type, string reason) =>
        new($"Query key part {partIndex} of type '{TypeNames.Display(type)}' is not supported: {reason}. {WhatIsSupported}", "parts");

    public static ArgumentException ReadFailed(int partIndex, Type type, string what, Exception error) =>
        new($"Query key part {partIndex} of type '{TypeNames.Display(type)}' could not be read: {what} threw " +
            $"{error.GetType().Name}: {error.Message}", "parts", error);
}
